using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Whether a connector's current flows through a circuit phase that this cycle's plan leaves over its limit: the load nobody
/// controls, with every charger that did not take its cut counted at the most it may draw, fills the phase even with each car
/// at its new limit. There a refused cut cannot wait out its driver's back-off (docs/control-loop-sessions.md, Session 19, "A needed cut
/// past the back-off").
/// </summary>
internal static class CountedOver
{
    // A plan that fills a phase to its limit leaves rounding dust in the headroom; over means over by more than that.
    private const double ToleranceA = 0.1;

    public static bool Loads(SiteSnapshot snapshot, AllocationResult result, int connector) =>
        Phases(snapshot, result, connector).Count > 0;

    /// <summary>Each circuit phase counted over that the connector loads: its node, grid phase (0–2) and by how much.</summary>
    public static List<(int Node, int Phase, double OverA)> Phases(SiteSnapshot snapshot, AllocationResult result, int connector)
    {
        List<(int Node, int Phase, double OverA)> over = [];
        var mask = result.Connectors[connector].GridPhaseMask;
        var headroom = result.NodeHeadroomA;
        for (var node = snapshot.Connectors[connector].CircuitIndex; node >= 0; node = snapshot.Nodes[node].ParentIndex)
        {
            for (var phase = 0; phase < 3; phase++)
            {
                if ((mask & (1 << phase)) != 0 && headroom[node][phase] < -ToleranceA)
                {
                    over.Add((node, phase, -headroom[node][phase]));
                }
            }
        }

        return over;
    }

    /// <summary>
    /// Whether a circuit phase the connector loads reads over its limit now, a meter above it is unknown (the fallback holds), or
    /// a node above it has a limit <see cref="Phases"/> does not judge (its power, its imbalance): the site needs every cut there,
    /// whatever the plan counts (<see cref="SetpointState.Needed"/>). Over is over the limit itself: the safety margin under it is
    /// for the readings' noise, and a cut refused there is counted at the limit its charger holds all the same.
    /// </summary>
    public static bool ReadsOverOrUnjudged(SiteSnapshot snapshot, AllocationResult result, int connector)
    {
        var mask = result.Connectors[connector].GridPhaseMask;
        for (var node = snapshot.Connectors[connector].CircuitIndex; node >= 0; node = snapshot.Nodes[node].ParentIndex)
        {
            if (snapshot.Nodes[node] is { MaxPowerKw: not null } or { MaxImbalanceA: not null })
            {
                return true;
            }

            if (snapshot.Nodes[node].Meter is not { } meter)
            {
                continue;
            }

            if (meter.IsStale || snapshot.Time - meter.Timestamp > snapshot.Settings.MeasurementMaxAge)
            {
                return true;
            }

            for (var phase = 0; phase < 3; phase++)
            {
                if ((mask & (1 << phase)) != 0 && meter.CurrentA[phase] > snapshot.Nodes[node].MaxCurrentA[phase])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
