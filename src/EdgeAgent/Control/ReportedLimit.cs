using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The limit a charger says is in force counts among the most its connector may draw (issue 13, property 5: "the largest of its
/// last confirmed limit, the attempted one, its fresh measured draw and the limit it reports"). A charger that acknowledges a
/// write it does not apply — not in its remote mode, a default restored after its own restart, a safe current of its own after
/// a lapsed validity (Alfen's register 1206 reads the current it applies) — reads its own limit back higher than ours while its
/// car may draw less for a while; counted at ours, the room handed out around it was not there (docs/control-loop-sessions.md,
/// Session 45, "The limit a charger reports").
/// </summary>
internal static class ReportedLimit
{
    // Register units (dA, mA, float) round; a read-back this close to the limit sent is the limit sent.
    private const double SameA = 0.25;

    // A charger takes seconds to apply a profile it accepted (it evaluates its stack, then changes its PWM), and OCPP timestamps are
    // whole seconds from a clock of its own: an offer sampled sooner after the acceptance may predate the limit.
    private static readonly TimeSpan OfferSettle = TimeSpan.FromSeconds(5);

    // Some meter values carry currents without the offer (clock-aligned data beside sampled data): the last offer's word stands
    // that long beside newer currents, so an alarm does not flap with them; older, the driver's book judges again.
    private static readonly TimeSpan OfferKeptFor = TimeSpan.FromMinutes(2);

    // A charger offers the car whole amperes or its PWM duty cycle's steps (IEC 61851-1), rounded either way: an offer this close to
    // the limit sent is the limit sent.
    private const double SameOfferA = 1;

    /// <summary>
    /// Judges <paramref name="runtime"/>'s newest report against its last limit sent, into <see cref="ConnectorRuntime.ReadBackAboveA"/>:
    /// the limit it reports where that is higher than the one sent and acknowledged, by a read at least <paramref name="readBackAfter"/>
    /// after the send. A send not yet acknowledged is not judged: the OCPP driver and the Modbus templates without a limit register
    /// report the driver's own book there, the last limit accepted, so an unanswered cut read "back" its old limit — a false
    /// alarm, and counted so already (Session 45's second review). An earlier read may predate the charger's applying it: it
    /// changes nothing, nor does a report that names no limit (so a same-valued resend does not clear it before a read proves
    /// it); none once a read proves the limit in force, and, by a register, none for a pause (a charger may keep its setpoint
    /// register while it holds its car paused — Phoenix Contact's — and the pause shows in its state and draw).
    /// </summary>
    public static void Judge(ConnectorRuntime runtime, TimeSpan readBackAfter)
    {
        if (runtime.Status is not { } status || runtime.Setpoint is not { } sent)
        {
            return;
        }

        // Subtracted, not shifted: a connector never metered has its currents at DateTimeOffset.MinValue.
        if (status.Offered is { } offered && status.CurrentsAt - offered.SampledAt <= OfferKeptFor)
        {
            JudgeOffer(runtime, status, sent, offered, readBackAfter);
        }
        else if (sent.LimitA <= 0)
        {
            runtime.ReadBackAboveA = null;
        }
        else if (sent.Confirmed && status.Timestamp - sent.SentAt >= readBackAfter && status.LimitA is { } reportedA && double.IsFinite(reportedA))
        {
            runtime.ReadBackAboveA = reportedA > sent.LimitA + SameA ? reportedA : null;
        }
    }

    /// <summary>
    /// An OCPP charger's own word (<c>Current.Offered</c>, where it sends one — else its driver's book, above). With no car to offer
    /// to, or its car held by the charger (SuspendedEVSE), nothing is offered above any limit: none. Else an offer sampled
    /// <see cref="OfferSettle"/> (at least <paramref name="readBackAfter"/>) or more after the charger first accepted the limit now
    /// in force — a same-valued resend does not restart that — says whether that limit is in force: above it by more than
    /// <see cref="SameOfferA"/>, a pause included (an offer, unlike a setpoint register, is what the car may take), it is not. An
    /// offer sampled sooner changes nothing, so the count at an offer stays until a newer one proves the limit.
    /// </summary>
    private static void JudgeOffer(ConnectorRuntime runtime, ConnectorStatus status, SetpointState sent, OfferedCurrent offered, TimeSpan readBackAfter)
    {
        if (status.State is not (ConnectorState.Charging or ConnectorState.SuspendedByCar))
        {
            runtime.ReadBackAboveA = null;
            return;
        }

        var settle = readBackAfter > OfferSettle ? readBackAfter : OfferSettle;
        if (!sent.Confirmed || runtime.History.ConfirmedSince is not { } acceptedAt || offered.SampledAt - acceptedAt < settle || !double.IsFinite(offered.CurrentA))
        {
            return;
        }

        runtime.ReadBackAboveA = offered.CurrentA > Math.Max(sent.LimitA, 0) + SameOfferA ? offered.CurrentA : null;
    }

    /// <summary><paramref name="committedA"/>, raised to the limit read back above it (<see cref="Judge"/>), never above the charger's maximum.</summary>
    public static double Counted(double committedA, double? readBackAboveA, double maxA) =>
        readBackAboveA is { } reportedA && reportedA > committedA ? Math.Max(committedA, Math.Min(reportedA, maxA)) : committedA;
}
