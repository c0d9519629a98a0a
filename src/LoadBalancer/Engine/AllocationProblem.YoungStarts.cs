namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The loop's own young starts, counted twice (docs/control-loop-sessions.md, Session 25, "Sizing a measured-overload pause by the
/// measured excess"). A car started from nothing whose own reading since the start is still missing is taken at its low end (0)
/// out of the meters, so whatever it draws is in the base (load nobody controls) — and it is also given its limit. Once its car
/// has had its response time it draws what it will (d, at most its limit L), and the loads once every limit has landed are judged
/// high by L whatever d is: d in the base, L in its limit, where only d (or nothing) will be drawn. d is not known; it is credited
/// at most by how far the base has risen since the start was sent, never more than the answered starts' bands or the base's
/// unsure share — so never more than L: safe whether the rise is the car's or the base's own. Before the response time the car
/// may still start, and a rise of the base is not its draw: nothing is credited. A cut or pause in flight is credited the same way
/// only where its charger takes its limits (<see cref="IsCutInFlight"/>): one it may not take leaves its car drawing (u52
/// <c>--one-call</c> at 2 s, Session 24's pausesize24; docs/control-loop-sessions.md, Session 27, cascade27).
/// </summary>
internal sealed partial class AllocationProblem
{
    // Per node and phase, Σ (high − low) of the young starts below it.
    private double[] _youngStartSubtreeA = [];

    // Per node and phase, the part of it whose cars have had their response time (BalancerSettings.VehicleResponseTime).
    private double[] _answeredStartSubtreeA = [];

    // Per node and phase, when the earliest of those starts was sent (UTC ticks); long.MaxValue where none.
    private long[] _youngStartSinceTicks = [];

    // Per node and phase, the credit (above).
    private double[] _startCreditA = [];

    /// <summary>
    /// How much of constraint <paramref name="j"/>'s base may be young starts' draw counted twice (the class summary); 0 for
    /// any constraint but a node phase's.
    /// </summary>
    public double StartCreditA(int j) => j < NodeCount * 3 && Kind[j] == ConstraintKind.NodePhaseCurrent ? _startCreditA[j] : 0;

    private void ResizeYoungStarts(int nodeCount)
    {
        Grow.ToAtLeast(ref _youngStartSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _answeredStartSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _youngStartSinceTicks, nodeCount * 3);
        Grow.ToAtLeast(ref _startCreditA, nodeCount * 3);
        Array.Clear(_youngStartSubtreeA, 0, nodeCount * 3);
        Array.Clear(_answeredStartSubtreeA, 0, nodeCount * 3);
        Array.Fill(_youngStartSinceTicks, long.MaxValue, 0, nodeCount * 3);
        Array.Clear(_startCreditA, 0, nodeCount * 3);
    }

    // A start (this limit the first to offer it its minimum, OfferedSince) sent within two settle times, its draw not seen
    // (low end under PhaseIdleA, high end its limit), no reading of its own since the limit went out, and no decrease on its way.
    private static bool IsYoungStart(ConnectorInput connector, in ConnectorMemory memory, PhaseCurrents measured, PhaseCurrents measuredHigh, SiteSnapshot snapshot) =>
        snapshot.Settings.ChangeSettleTime is { } settle
        && snapshot.Time - connector.LastLimitAt < settle * 2
        && connector.LastLimitA > 0
        && memory.OfferedSince == connector.LastLimitAt
        && !connector.DecreaseUnconfirmed
        && measured.MaxA < snapshot.Settings.PhaseIdleA
        && measuredHigh.MaxA > measured.MaxA + 1e-9
        && (connector.CurrentsReadAt is not { } readAt || readAt <= connector.LastLimitAt);

    // Its band is credited only once its car has had its response time: before that it may not draw yet, and a rise of the base
    // then is the base's own — credited, it let a step pass the fuse once the car drew (the second case of
    // PauseSizedByTheMeasuredExcessTests). After it, what the car draws is in the meter and stays there (it follows its limit).
    private static bool StartAnswered(ConnectorInput connector, SiteSnapshot snapshot) =>
        snapshot.Settings.VehicleResponseTime is { } response && snapshot.Time - connector.LastLimitAt >= response;

    // Its band (high − low) per phase; answered: credited. A cut in flight is answered at once: its draw is in the meter now.
    private void AddYoungStart(ConnectorInput connector, PhaseCurrents measured, PhaseCurrents measuredHigh, bool answered)
    {
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            var at = (connector.CircuitIndex * 3) + connector.Rotation.GridPhase(k);
            var bandA = Math.Max(measured[k], measuredHigh[k]) - measured[k];
            _youngStartSubtreeA[at] += bandA;
            _answeredStartSubtreeA[at] += answered ? bandA : 0;
            _youngStartSinceTicks[at] = Math.Min(_youngStartSinceTicks[at], connector.LastLimitAt.UtcTicks);
        }
    }

    // A cut or pause the loop sent within its car's response time that its charger confirmed, or sent to a charger that takes its
    // limits (none of its recent ones untaken, none queued behind another call): its car may still draw what it drew (the high
    // end), while its low end is already the new limit — the rest of its draw is in the base, counted twice like a young start's,
    // and pausing another car for it made the pauses feed each other (docs/control-loop-sessions.md, Session 27, seed 16 at 5 s). Credited
    // the same way: at most by how far the base has risen since the cut went out, so a car that has already answered is credited
    // nothing. A charger's record of limits not taken says whether a cut still on its way will be taken; once it accepted this one
    // (the latest send confirmed — a resend of a limit it left untaken is no decrease — and no decrease within the response time
    // unconfirmed), its car follows within its response time whatever it answered before (Session 32).
    private static bool IsCutInFlight(ConnectorInput connector, PhaseCurrents measured, PhaseCurrents measuredHigh, SiteSnapshot snapshot) =>
        snapshot.Settings.VehicleResponseTime is { } response
        && snapshot.Time - connector.LastLimitAt < response
        && connector.LastLimitA < measuredHigh.MaxA - 1e-9
        && measuredHigh.MaxA > measured.MaxA + 1e-9
        && !connector.LimitQueued
        && !connector.LimitOverdue
        && !connector.IsStale
        && connector.LimitsAnswered > 0
        && (connector.LimitsNotTaken == 0 || (connector.LastLimitConfirmed && !connector.DecreaseUnconfirmed));

    private void PassYoungStartsUp(int at, int parentAt)
    {
        _youngStartSubtreeA[parentAt] += _youngStartSubtreeA[at];
        _answeredStartSubtreeA[parentAt] += _answeredStartSubtreeA[at];
        _youngStartSinceTicks[parentAt] = Math.Min(_youngStartSinceTicks[parentAt], _youngStartSinceTicks[at]);
    }

    // The credit at a node phase, once its base is known: the base's rise since the earliest young start below it was sent, from
    // the base of the call that start went out in (the node's BaseHistory); none where that base is not kept or was unknown.
    private void SetStartCredit(int at, int phase, BaseHistory? bases)
    {
        var sinceTicks = _youngStartSinceTicks[at];
        if (_youngStartSubtreeA[at] > 0 && sinceTicks != long.MaxValue && bases?.AsOf(sinceTicks) is { } startBaseA)
        {
            _startCreditA[at] = Math.Max(0, Math.Min(Math.Min(_answeredStartSubtreeA[at], _unsureA[at]), BaseA[at] - startBaseA[phase]));
        }
    }
}
