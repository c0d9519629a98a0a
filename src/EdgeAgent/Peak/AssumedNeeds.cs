using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// What the peak planner assumes of a car that did not say what it needs (docs/load-balancing.md,
/// "The peak target in the daemon"): it wants <c>assumedEnergyKwh</c> in its session (less what it has
/// had) and leaves <c>assumedStayHours</c> after it plugged in. So a site whose cars say nothing still
/// raises its target for the cars present rather than holding them to last month's paid level.
/// A car that says it is full (suspended by the car) is assumed to need nothing more.
/// </summary>
internal static class AssumedNeeds
{
    public static SiteSnapshot Fill(SiteSnapshot snapshot, PowerTariffSettings tariff)
    {
        var assumedWh = tariff.AssumedEnergyKwh * 1000;
        var connectors = new ConnectorInput[snapshot.Connectors.Length];
        for (var i = 0; i < connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            connectors[i] = c.EnergyWantedWh is null && c.Activity is ConnectorActivity.Charging or ConnectorActivity.CarConnected or ConnectorActivity.SuspendedByController
                ? c with { EnergyWantedWh = Math.Max(0, assumedWh - c.SessionEnergyWh) }
                : c;
        }

        return snapshot with
        {
            Connectors = connectors,
            Settings = snapshot.Settings with { AssumedStay = snapshot.Settings.AssumedStay ?? TimeSpan.FromHours(tariff.AssumedStayHours) },
        };
    }
}
