using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// What a failed cycle sends a connector (docs/control-loop.md, "Failsafes"): its failsafe current, never more than it had (the
/// limit last sent, nor the one last confirmed: the last sent may be a raise it did not take), and within an emergency stop and a
/// curtailment — the failsafe is no way past them. The per-charger cap is shared by the charger's connectors and the site cap by
/// every connector's phases, as even shares (no plan decides who runs in a failed cycle); in 0.1 A steps, rounded down, and 0
/// where that is under the charger's minimum.
/// </summary>
internal static class FailedCycleLimit
{
    public static double Of(SiteModel model, int i, SiteConstraints constraints)
    {
        if (constraints.EmergencyStop)
        {
            return 0;
        }

        var runtime = model.Connectors[i];
        var charger = model.ChargerOf(i);
        var limitA = Math.Min(SiteModel.FailsafeCurrentA(charger),
            Math.Min(runtime.SentLimitA ?? double.PositiveInfinity, runtime.History.Confirmed?.LimitA ?? double.PositiveInfinity));
        var voltageV = model.Site.Grid.VoltageV;
        if (constraints.PerChargerCapKw is { } chargerKw)
        {
            limitA = Math.Min(limitA, chargerKw * 1000 / (voltageV * charger.Phases * Math.Max(1, charger.Connectors)));
        }

        if (constraints.SiteCapKw is { } siteKw)
        {
            var phases = 0;
            for (var k = 0; k < model.Connectors.Count; k++)
            {
                phases += model.ChargerOf(k).Phases;
            }

            limitA = Math.Min(limitA, siteKw * 1000 / (voltageV * Math.Max(1, phases)));
        }

        limitA = Math.Floor((limitA * 10) + 1e-9) / 10;
        return limitA < charger.MinCurrentA ? 0 : limitA;
    }

    /// <summary>Whether the failed cycle's limits are an order the site needs now (sent past a driver's back-off, as in a cycle).</summary>
    public static bool Ordered(SiteConstraints constraints) =>
        constraints.EmergencyStop || constraints.PerChargerCapKw is not null || constraints.SiteCapKw is not null;
}
