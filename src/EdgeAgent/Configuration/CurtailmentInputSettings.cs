namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The curtailment input and what it means while active.</summary>
public sealed record CurtailmentInputSettings
{
    public int Pin { get; init; }

    public bool ActiveLow { get; init; }

    /// <summary>A cap per charger while active (4.2 kW under §14a EnWG).</summary>
    public double? LimitPerChargerKw { get; init; }

    /// <summary>A cap on the site's total charging power while active.</summary>
    public double? SiteLimitKw { get; init; }
}
