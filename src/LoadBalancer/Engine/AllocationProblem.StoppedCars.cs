namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Cars that stopped drawing on their own (full, or waiting on their own timer) while offered at least their minimum: held
/// at their minimum with room kept for their restart, or paused while that room is wanted (docs/load-balancing.md, rule 5;
/// docs/control-loop-sessions.md, Session 23, "A full car paused").
/// </summary>
internal sealed partial class AllocationProblem
{
    // A car that stopped drawing on its own while offered at least its minimum, judged only once the car has had time to
    // answer the limit that first offered it that (a start). Newer limits at or above its minimum do not restart the wait: a
    // car that stopped on its own does not start for more current, and a wait restarted by each of them kept such a car
    // taking part — given a share, new limits every few seconds, never judged (docs/control-loop-sessions.md, Session 22).
    private static bool StoppedOnItsOwn(ConnectorInput connector, PhaseCurrents measuredHigh, BalancerSettings settings, DateTimeOffset? offeredSince) =>
        settings.ReclaimEnabled
        && connector.Activity == ConnectorActivity.SuspendedByCar
        && offeredSince is { } since
        && measuredHigh.MaxA < settings.PhaseIdleA
        && connector.MeasuredAt - since >= settings.ReclaimSettleTime;

    // Full, or waiting on its own timer: it keeps its minimum so it can start again, but takes no share.
    private void HoldAtMinimum(int i, ConnectorInput connector, PhaseCurrents measuredHigh, int wiredMask, BalancerSettings settings)
    {
        Participates[i] = false;
        FixedLimitA[i] = LowA[i];
        FixedReason[i] = AllocationReason.Reclaimed;
        GridMask[i] = PhaseDetector.ToGridMask(wiredMask, connector.Rotation);
        CountStopped(i, connector, measuredHigh, settings, Math.Max(CommittedA[i], LowA[i]));
    }

    // A stopped car is counted at what it draws, and each node phase above it keeps room for one such car to start again at the
    // most it may draw (mayStartAtA). The safety margin is there for a short overshoot until the loop has seen it: a restart
    // within it needs no more room. What it holds above its minimum counts for each such car (its cut to the minimum is not in
    // force yet); room for a restart at the minimum, for one of them.
    private void CountStopped(int i, ConnectorInput connector, PhaseCurrents measuredHigh, BalancerSettings settings, double mayStartAtA)
    {
        AddPerPhase(_staleDirectA, connector.CircuitIndex, GridMask[i], measuredHigh.MaxA);
        var heldA = Math.Max(0, CommittedA[i] - LowA[i]);
        var restartA = mayStartAtA - heldA - measuredHigh.MaxA - settings.SafetyMarginA;
        AddPerPhase(_restartHeldA, connector.CircuitIndex, GridMask[i], heldA);
        for (var p = 0; p < 3; p++)
        {
            if ((GridMask[i] & (1 << p)) != 0)
            {
                ref var reserveA = ref _restartReserveA[(connector.CircuitIndex * 3) + p];
                reserveA = Math.Max(reserveA, restartA);
            }
        }
    }

    // Paused instead where the room kept for its restart is room a car held back by a circuit phase it is on lacks. A car
    // that stopped on its own ended its run itself: it draws nothing, so its pause stops no charging and is not the flapping
    // rule 4 forbids — paused at once, its minimum and restart room go to the cars held back (docs/control-loop-sessions.md, Session
    // 27, "A full car paused before MinRunTime"; docs/load-balancing.md, rules 4 and 5). A probe's start is the balancer's own: a probe that finds nothing is paused
    // again only once it has run its minimum run time, so probes and pauses do not alternate faster than the hold times. A
    // charger that refuses 0 A by kind keeps it at its minimum: its pause would not take.
    private bool PausesFull(int i, ConnectorInput connector, in ConnectorMemory memory, BalancerSettings settings, DateTimeOffset now, int wiredMask, ReadOnlySpan<NodeMemory> nodeMemory) =>
        settings.FullCarProbeInterval is not null
        && !connector.RefusesPauses
        && memory.Running
        && (!memory.ProbeRun || now - memory.RunningChangedAt >= settings.MinRunTime)
        && LowA[i] > 0
        && HoldsBack(connector.CircuitIndex, PhaseDetector.ToGridMask(wiredMask, connector.Rotation), nodeMemory);

    // At 0 A an IEC 61851 car cannot draw (no duty cycle of at least its minimum): no room is kept for its restart. Until the 0
    // is in force it may still start up to the limit it holds (its committed limit): counted then as when it was held there,
    // never more — counted at that limit instead, the pause cost more room than the hold for a cycle or two, and in the grid's
    // fallback paused charging cars for it (site bench seed 9 at 1 s, 420.5 s). A charger that refused the 0 keeps it counted
    // there. One found to refuse 0 A by kind while it is paused is held at its minimum, which it holds anyway, rather than sent
    // a 0 it refuses each cycle. (Its car drawing ends the pause: KeepsFullPause.)
    private void HoldPausedFull(int i, ConnectorInput connector, PhaseCurrents measuredHigh, int wiredMask, BalancerSettings settings)
    {
        Participates[i] = false;
        FixedLimitA[i] = HoldA(connector, i, CommittedA[i]);
        FixedReason[i] = AllocationReason.PausedFull;
        GridMask[i] = PhaseDetector.ToGridMask(wiredMask, connector.Rotation);
        CountStopped(i, connector, measuredHigh, settings, CommittedA[i]);
    }

    /// <summary>
    /// Whether a car paused for having stopped on its own stays paused. A car that draws (or says it charges) is a charging
    /// car again. At 0 A its charger reports the pause, whatever the car wants: it is offered its minimum again (a probe) once
    /// the room for that is free without holding anyone back, after the minimum pause time, or after
    /// <see cref="BalancerSettings.FullCarProbeInterval"/>. A probing car takes part as any paused car, but offered no more
    /// than its minimum and paused first, so it never takes a charging car's turn — unless its probe came after the interval: then
    /// it takes its turn as a waiting car (on a crowded site the room is never free, and paused first it never got one).
    /// </summary>
    private bool KeepsFullPause(int i, ConnectorInput connector, ref ConnectorMemory memory, PhaseCurrents measuredHigh, BalancerSettings settings, DateTimeOffset now, int wiredMask, ReadOnlySpan<NodeMemory> nodeMemory)
    {
        if (measuredHigh.MaxA >= settings.PhaseIdleA || connector.Activity == ConnectorActivity.Charging)
        {
            memory.PausedFullAt = null;
            memory.Probing = false;
            memory.ProbeTakesTurn = false;
            memory.ProbeRun = false;
            return false;
        }

        if (memory.PausedFullAt is { } pausedAt)
        {
            var pausedFor = now - pausedAt;
            var probe = settings.FullCarProbeInterval is not { } interval
                || pausedFor >= interval
                || (pausedFor >= settings.MinPauseTime && RoomFree(connector.CircuitIndex, PhaseDetector.ToGridMask(wiredMask, connector.Rotation), nodeMemory, LowA[i]));
            if (!probe)
            {
                return true;
            }

            memory.PausedFullAt = null;
            memory.Probing = true;
            memory.ProbeTakesTurn = settings.FullCarProbeInterval is { } every && pausedFor >= every;
        }

        if (memory.Probing && HighA[i] > LowA[i])
        {
            HighA[i] = LowA[i];
            HighReason[i] = AllocationReason.Reclaimed;
            FixedReason[i] = HighReason[i];
        }

        // A probe after the interval is a waiting car's turn (docs/control-loop-sessions.md, Session 44, "Cars that start again on their own").
        Probing[i] = memory.Probing && !memory.ProbeTakesTurn;
        return false;
    }

    // Some node above the circuit held a participating car back by a phase limit on one of the car's phases in the last call.
    private bool HoldsBack(int circuit, int gridMask, ReadOnlySpan<NodeMemory> nodeMemory)
    {
        for (var k = circuit; k >= 0; k = NodeParent[k])
        {
            if ((nodeMemory[k].ShortPhases & gridMask) != 0)
            {
                return true;
            }
        }

        return false;
    }

    // No node above the circuit held anyone back on the car's phases in the last call, and each left room for its minimum.
    private bool RoomFree(int circuit, int gridMask, ReadOnlySpan<NodeMemory> nodeMemory, double lowA)
    {
        for (var k = circuit; k >= 0; k = NodeParent[k])
        {
            if ((nodeMemory[k].ShortPhases & gridMask) != 0)
            {
                return false;
            }

            for (var p = 0; p < 3; p++)
            {
                if ((gridMask & (1 << p)) != 0 && nodeMemory[k].HeadroomA[p] < lowA)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
