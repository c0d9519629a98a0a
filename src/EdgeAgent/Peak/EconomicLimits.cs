using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// What <see cref="ISitePowerTarget"/> put on a cycle's snapshot — the peak target, the cars that wait for cheaper
/// quarter-hours, the needs given with a start — carried onto a snapshot of the same cycle built again: the hook is asked
/// once per cycle (it feeds the month's peak), and a cycle planned twice (a cut that queued, docs/control-loop.md) plans
/// with the same economic limits.
/// </summary>
internal static class EconomicLimits
{
    /// <param name="rebuilt">The cycle's snapshot built again from the site model, connectors in the same order.</param>
    /// <param name="applied">The cycle's snapshot as the hook answered it.</param>
    public static SiteSnapshot WithEconomicLimitsOf(this SiteSnapshot rebuilt, SiteSnapshot applied)
    {
        if (rebuilt.Connectors.Length != applied.Connectors.Length)
        {
            throw new ArgumentException("The two snapshots are of different sites.", nameof(applied));
        }

        var connectors = new ConnectorInput[rebuilt.Connectors.Length];
        for (var i = 0; i < connectors.Length; i++)
        {
            var was = applied.Connectors[i];
            if (!string.Equals(was.Id, rebuilt.Connectors[i].Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Connector {i} is {was.Id} in one snapshot and {rebuilt.Connectors[i].Id} in the other.", nameof(applied));
            }

            connectors[i] = rebuilt.Connectors[i] with
            {
                DepartureAt = was.DepartureAt,
                EnergyWantedWh = was.EnergyWantedWh,
                WaitsForCheaperEnergy = was.WaitsForCheaperEnergy,
            };
        }

        return rebuilt with { Connectors = connectors, Constraints = applied.Constraints, Settings = applied.Settings };
    }
}
