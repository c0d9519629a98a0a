namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Whether a meter has fallen silent without being stale yet: its last reading is older than
/// <see cref="BalancerSettings.RaiseReadingMaxAge"/> but not <see cref="BalancerSettings.MeasurementMaxAge"/>.
/// Raises wait meanwhile (docs/control-loop.md, "Decreases before increases"): planned on a reading that is
/// already old, a raise is a raise against a load nobody knows, and one sent in the seconds before the meter
/// turns stale lands inside the fallback, where the cars must already be under the fallback current.
/// One threshold serves every metered node: the live loop reads every meter at one poll, the grid meter's.
/// </summary>
internal static class SilentMeter
{
    public static bool HoldsRaises(SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        foreach (var node in snapshot.Nodes)
        {
            if (node.Meter is { IsStale: false } meter)
            {
                var age = snapshot.Time - meter.Timestamp;
                if (age > settings.RaiseReadingMaxAge && age <= settings.MeasurementMaxAge)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
