namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A spot price the cloud sent for a span of time (e.g. a quarter-hour), per kWh; may be negative.</summary>
public readonly record struct SpotPrice(DateTimeOffset From, DateTimeOffset To, decimal PricePerKwh);
