namespace ChargeNet.LoadBalancer;

/// <summary>
/// The hard constraints in force from outside: a grid-operator curtailment (a cap on the total
/// charging power of the site, or on each charger, such as §14a EnWG's 4.2 kW) and an emergency stop.
/// </summary>
public sealed record SiteConstraints
{
    /// <summary>No constraint in force.</summary>
    public static SiteConstraints None { get; } = new();

    /// <summary>A cap on the charging power of the whole site in kW, or null.</summary>
    public double? SiteCapKw { get; init; }

    /// <summary>A cap on the power of each charger in kW (all its connectors together, see <see cref="ConnectorInput.ChargerId"/>), or null.</summary>
    public double? PerChargerCapKw { get; init; }

    /// <summary>
    /// The peak target: the most the whole site may draw in kW, load nobody controls included
    /// (docs/load-balancing.md, "Peak target"), or null. An economic limit: the circuit limits, the
    /// fallback and the failsafes hold beside it.
    /// </summary>
    public double? SitePowerTargetKw { get; init; }

    /// <summary>Every connector to 0.</summary>
    public bool EmergencyStop { get; init; }
}
