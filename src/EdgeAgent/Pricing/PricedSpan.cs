namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A span of time in which one energy price is in force.</summary>
public readonly record struct PricedSpan(DateTimeOffset From, DateTimeOffset To, decimal PricePerKwh);
