using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The emergency stop and the grid operator's curtailment a cycle acted on, site-wide: without it they showed only as the
/// reason on the connectors they bound, and a stop with no car plugged in showed nowhere.
/// </summary>
/// <param name="EmergencyStop">Every connector is held at 0 A (the input active, latched, unreadable, or the constraints unreadable in a failed cycle).</param>
/// <param name="Latched">The stop latched and waits for its acknowledgement; null when the source has no latch.</param>
/// <param name="SiteCapKw">The curtailment's cap on the site's charging power, or null.</param>
/// <param name="PerChargerCapKw">The curtailment's cap on each charger's power, or null.</param>
public sealed record ConstraintsView(bool EmergencyStop, bool? Latched, double? SiteCapKw, double? PerChargerCapKw)
{
    public static ConstraintsView Of(SiteConstraints constraints, bool? latched) =>
        new(constraints.EmergencyStop, latched, constraints.SiteCapKw, constraints.PerChargerCapKw);
}
