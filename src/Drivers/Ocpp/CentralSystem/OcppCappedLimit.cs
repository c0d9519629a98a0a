namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// The edge's limit under another party's over a profile's validity (an upstream central system's,
/// docs/upstream.md, "Limits"), in every OCPP version: period by period the lower of the two, as sent.
/// </summary>
public static class OcppCappedLimit
{
    /// <summary>
    /// The periods (seconds from the schedule's start, limit as sent) of <paramref name="limitA"/> under
    /// <paramref name="capA"/> (null: no cap, one period); a period that would repeat the last limit is left out.
    /// </summary>
    public static IReadOnlyList<(int StartPeriod, decimal Limit)> Periods(double limitA, IReadOnlyList<(TimeSpan Offset, double LimitA)>? capA)
    {
        var periods = new List<(int StartPeriod, decimal Limit)>();
        foreach (var (offset, theirsA) in capA ?? [(TimeSpan.Zero, limitA)])
        {
            var lower = OcppLimitRounding.ToSendable(Math.Min(limitA, theirsA));
            if (periods.Count == 0 || periods[^1].Limit != lower)
            {
                periods.Add(((int)offset.TotalSeconds, lower));
            }
        }

        return periods;
    }

    /// <summary>
    /// What a schedule of <paramref name="periods"/> sent for <paramref name="limitA"/> holds <paramref name="sinceStart"/> after its
    /// start (the limit in force now: its start lies before now, <see cref="OcppLimitWindow"/>), and whether another party's limit
    /// shaped it — then a later period may differ from the one in force, and the same ask must be sent again, not answered from it.
    /// </summary>
    public static (double InForceA, bool Capped) InForce(IReadOnlyList<(int StartPeriod, decimal Limit)> periods, double limitA, TimeSpan sinceStart)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var inForce = periods[0].Limit;
        foreach (var (startPeriod, limit) in periods)
        {
            if (startPeriod <= sinceStart.TotalSeconds)
            {
                inForce = limit;
            }
        }

        return ((double)inForce, periods.Count > 1 || periods[0].Limit != OcppLimitRounding.ToSendable(limitA));
    }
}
