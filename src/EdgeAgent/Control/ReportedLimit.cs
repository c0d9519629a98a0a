using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The limit a charger says is in force counts among the most its connector may draw (issue 13, property 5: "the largest of its
/// last confirmed limit, the attempted one, its fresh measured draw and the limit it reports"). A charger that acknowledges a
/// write it does not apply — not in its remote mode, a default restored after its own restart, a safe current of its own after
/// a lapsed validity (Alfen's register 1206 reads the current it applies) — reads its own limit back higher than ours while its
/// car may draw less for a while; counted at ours, the room handed out around it was not there (docs/control-loop.md,
/// Session 45, "The limit a charger reports").
/// </summary>
internal static class ReportedLimit
{
    /// <summary>
    /// <paramref name="committedA"/>, raised to the limit <paramref name="status"/> reports where that report was read at least
    /// <paramref name="readBackAfter"/> after the last limit was sent (an earlier one may predate the charger's applying it) and
    /// that limit was not a pause (a charger may keep its setpoint register while it holds its car paused — Phoenix Contact's
    /// — and the pause shows in its state and draw); never above the charger's maximum, and not for a value that is no number.
    /// </summary>
    public static double Counted(ConnectorStatus? status, SetpointState? setpoint, double committedA, TimeSpan readBackAfter, double maxA)
    {
        if (status?.LimitA is not { } reportedA || !double.IsFinite(reportedA) || setpoint is not { LimitA: > 0 } sent
            || status.Timestamp - sent.SentAt < readBackAfter || reportedA <= committedA)
        {
            return committedA;
        }

        return Math.Min(reportedA, Math.Max(maxA, committedA));
    }
}
