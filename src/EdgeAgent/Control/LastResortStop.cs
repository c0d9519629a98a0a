using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// When the loop may end a driver's session (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort"). All of:
/// the plan pauses the car and still counts a circuit phase it loads over its limit — with every other car there at its new
/// limit, nothing else is left to cut (<see cref="CountedOver"/>); its pause is not in force and its charger did not take its
/// last <c>refusals</c> limits in a row, the newest of them this pause (or, with a record of <c>record</c> limits not taken, before
/// the pause's answer: Session 21); its charger says the car draws (charging, or a current
/// of at least <see cref="DrawingA"/>) — a car that is not the cause is never stopped; and no stop was asked for it within
/// <c>retry</c>. A pure decision: the loop sends, the driver frames it.
/// </summary>
internal static class LastResortStop
{
    /// <summary>A reported current from which a car counts as drawing, whatever its state says (rounding and noise are less).</summary>
    public const double DrawingA = 1.0;

    /// <summary>Why the session on connector <paramref name="i"/> is to be ended now, for the operator's event; null when it is not.</summary>
    /// <param name="record">
    /// From this many limits not taken among its charger's last 16, the session is ended with the pause, before its answer (0: off;
    /// docs/control-loop-sessions.md, Session 21): an answer comes later than the grace a step's overload has.
    /// </param>
    public static string? Why(SiteSnapshot snapshot, AllocationResult result, int i, ConnectorRuntime runtime, int refusals, int record, DateTimeOffset now, TimeSpan retry)
    {
        // A charger that refuses 0 A by kind will refuse this pause too: as good as two refusals in a row (docs/control-loop-sessions.md,
        // Session 22, "A charger that refuses 0 A"), so its car is stopped with the pause, not after two answers.
        var notTaken = runtime.RefusesPausesByKind ? Math.Max(runtime.Answers.NotTakenInARow, refusals) : runtime.Answers.NotTakenInARow;
        // With the pause, in the cycle that first sends it: no cut of the car on its way or refused before it, and its own draw
        // still at its low end (a cycle later the low end is 0, the cut may have landed). Then the others' draws are still in the
        // meter's reading and in their low ends, so what their cuts free is known, and a resent pause, or one left unanswered
        // past the car's response time, still has the stop after refusals (docs/control-loop-sessions.md, Session 21).
        var byRecord = record > 0 && runtime.Answers.NotTaken >= record && !snapshot.Connectors[i].DecreaseUnconfirmed
            && snapshot.Connectors[i].MeasuredCurrentA.MaxA >= DrawingA && runtime.Setpoint is { InFlight: true } sent && sent.SentAt >= now;
        if (refusals <= 0
            || result.Connectors[i].LimitA > 0
            || runtime.Setpoint is not { LimitA: 0, Confirmed: false }
            || runtime.SessionStopAskedAt is { } asked && now - asked < retry
            || runtime.Status is not { } status
            || !(status.State == ConnectorState.Charging || status.CurrentA.Max >= DrawingA)
            || (notTaken < refusals && !byRecord)
            || OverWhereItDraws(snapshot, result, i, status, alone: notTaken < refusals) is not { } over)
        {
            return null;
        }

        var answers = runtime.Answers.NotTakenInARow < refusals && runtime.RefusesPausesByKind
            ? FormattableString.Invariant($"refused its last {runtime.PausesRefusedInARow} pauses (0 A) in a row and is sent another")
            : notTaken >= refusals
            ? FormattableString.Invariant($"did not take its last {notTaken} limits, the newest its pause (0 A)")
            : FormattableString.Invariant($"did not take {runtime.Answers.NotTaken} of its last {runtime.Answers.Count} limits and has not taken its pause (0 A)");
        return FormattableString.Invariant(
            $"{snapshot.Nodes[over.Node].Id} L{over.Phase + 1} counted {over.OverA:0.0} A over its limit with every other car there at its new limit (a meter reads {over.MeteredA:0.0} A), and the charger {answers}, while its car draws ({status.State}, {status.CurrentA.Max:0.0} A reported)");
    }

    /// <summary>
    /// Whether a connector whose session the loop ended is held at 0 A: for <paramref name="window"/> after the charger accepted (it
    /// may still report the car charging meanwhile), then while it reports the car connected and not charging (OCPP 1.6
    /// Finishing). Once it reports anything else — the car gone, or a new session the driver began — the hold is over, so the
    /// room of a finished session is not planned for a car that cannot draw it, and a driver who starts again is not kept out.
    /// </summary>
    public static bool Holds(ConnectorRuntime runtime, DateTimeOffset now, TimeSpan window)
    {
        if (runtime.SessionEndedAt is not { } ended)
        {
            return false;
        }

        if (now - ended < window || runtime.Status is { State: ConnectorState.CarConnected })
        {
            return true;
        }

        runtime.SessionEndedAt = null;
        return false;
    }

    /// <summary>
    /// The most counted-over circuit phase on which the car's own report shows it drawing (a current without a phase: any phase
    /// it loads; charging with no current reported yet: likewise) and which a fresh meter reads over its limit too (<see cref="MeteredOver"/>):
    /// a phase that only the conservative count puts over — in the grid meter's fallback too — is no cause to end anyone's session.
    /// </summary>
    /// <summary>
    /// The reading of the meter nearest above the phase (the node's own, else its parent's …) when it is fresh and at or over that
    /// meter's limit on the phase; null otherwise (under, stale, or no meter at all).
    /// </summary>
    private static (int Node, double A)? MeteredOver(SiteSnapshot snapshot, int node, int phase)
    {
        for (var n = node; n >= 0; n = snapshot.Nodes[n].ParentIndex)
        {
            if (snapshot.Nodes[n].Meter is { } meter)
            {
                return !meter.IsStale && meter.CurrentA[phase] >= snapshot.Nodes[n].MaxCurrentA[phase] ? (n, meter.CurrentA[phase]) : null;
            }
        }

        return null;
    }

    /// <param name="alone">
    /// Only a phase the meter reads over by more than the other cars' cuts there free (<see cref="OverWithOthersCut"/>): the stop goes
    /// before the pause's answer, so only where this car alone would keep the phase over (Session 21).
    /// </param>
    private static (int Node, int Phase, double OverA, double MeteredA)? OverWhereItDraws(SiteSnapshot snapshot, AllocationResult result, int i, ConnectorStatus status, bool alone)
    {
        var input = snapshot.Connectors[i];
        var drawsOn = 0;
        for (var k = 0; k < input.WiredPhases; k++)
        {
            if (status.CurrentA[k] >= DrawingA)
            {
                drawsOn |= 1 << input.Rotation.GridPhase(k);
            }
        }

        if (drawsOn == 0 || !status.PhasesKnown)
        {
            drawsOn = 0b111;
        }

        (int Node, int Phase, double OverA, double MeteredA)? most = null;
        foreach (var (node, phase, overA) in CountedOver.Phases(snapshot, result, i))
        {
            if ((drawsOn & (1 << phase)) != 0 && MeteredOver(snapshot, node, phase) is { } meter && overA > (most?.OverA ?? 0)
                && (!alone || OverWithOthersCut.A(snapshot, result, i, meter.Node, phase, meter.A) > 0))
            {
                most = (node, phase, overA, meter.A);
            }
        }

        return most;
    }
}
