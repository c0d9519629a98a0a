namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The loop's own young starts, counted twice (docs/control-loop.md, Session 25, "Sizing a measured-overload pause by the
/// measured excess"). A car started from nothing whose own reading since the start is still missing is taken at its low end (0)
/// out of the meters, so whatever it already draws is in the base (load nobody controls) — and it is also given its limit. The
/// limits in force once every limit has landed are then judged high by what it draws now, never less: it can draw no more than
/// its limit. That draw is not known; it is credited at most by how far the base has risen since the start was sent (the
/// base's own rise in that time is the error, on the unsafe side, until the car's first reading), and never more than the
/// start's band or the base's unsure share. Limits in flight (cuts and pauses not yet confirmed) are no part of it: what they
/// leave drawing is not known from the meter (u52 <c>--one-call</c> at 2 s, Session 24's pausesize24).
/// </summary>
internal sealed partial class AllocationProblem
{
    // Per node and phase, Σ (high − low) of the young starts below it.
    private double[] _youngStartSubtreeA = [];

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
        Grow.ToAtLeast(ref _youngStartSinceTicks, nodeCount * 3);
        Grow.ToAtLeast(ref _startCreditA, nodeCount * 3);
        Array.Clear(_youngStartSubtreeA, 0, nodeCount * 3);
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

    private void AddYoungStart(ConnectorInput connector, PhaseCurrents measured, PhaseCurrents measuredHigh)
    {
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            var at = (connector.CircuitIndex * 3) + connector.Rotation.GridPhase(k);
            _youngStartSubtreeA[at] += Math.Max(measured[k], measuredHigh[k]) - measured[k];
            _youngStartSinceTicks[at] = Math.Min(_youngStartSinceTicks[at], connector.LastLimitAt.UtcTicks);
        }
    }

    private void PassYoungStartsUp(int at, int parentAt)
    {
        _youngStartSubtreeA[parentAt] += _youngStartSubtreeA[at];
        _youngStartSinceTicks[parentAt] = Math.Min(_youngStartSinceTicks[parentAt], _youngStartSinceTicks[at]);
    }

    // The credit at a node phase, once its base is known: the base's rise since the earliest young start below it was sent, as
    // the node remembers its base from the call before that start went out (StartBase); none where it has no such memory.
    private void SetStartCredit(int at, int phase, ref NodeMemory remembered)
    {
        var sinceTicks = _youngStartSinceTicks[at];
        if (_youngStartSubtreeA[at] <= 0 || sinceTicks == long.MaxValue)
        {
            remembered.ForgetStartBase(phase);
            return;
        }

        if (remembered.StartBaseFor(phase) != sinceTicks)
        {
            remembered.TakeStartBase(phase, sinceTicks);
        }

        if (remembered.StartBaseA(phase) is { } startBaseA)
        {
            _startCreditA[at] = Math.Max(0, Math.Min(Math.Min(_youngStartSubtreeA[at], _unsureA[at]), BaseA[at] - startBaseA));
        }
    }
}
