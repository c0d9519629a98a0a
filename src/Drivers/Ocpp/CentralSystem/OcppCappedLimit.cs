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
}
