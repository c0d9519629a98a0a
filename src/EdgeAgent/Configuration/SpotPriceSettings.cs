namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// Where the cloud has sent a spot price for a moment, the energy price then is
/// <c>spot × Multiplier + MarkupPerKwh</c> (docs/pricing.md).
/// </summary>
public sealed record SpotPriceSettings
{
    public decimal Multiplier { get; init; } = 1;

    public decimal MarkupPerKwh { get; init; }
}
