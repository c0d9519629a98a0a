namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The common last step of every strategy: rounds each allocation down to the connector's steps,
/// proves every constraint holds (and lowers allocations if rounding or a strategy left one broken),
/// optionally hands out whole steps that rounding left over, then writes reasons, headroom and the
/// memory for the next call.
/// </summary>
internal static class AllocationFinisher
{
    private const double Tolerance = 1e-9;
    private const int RepairRounds = 8;
    private const int TopUpRounds = 1;

    public static void Finish(AllocationProblem problem, SiteSnapshot snapshot, BalancerState state, AllocationResult result, string strategyName, bool topUp)
    {
        var n = problem.ConnectorCount;
        var x = problem.X;
        for (var i = 0; i < n; i++)
        {
            if (!problem.Participates[i])
            {
                x[i] = 0;
                continue;
            }

            var value = Math.Min(Steps.Down(x[i], problem.StepA[i]), problem.HighA[i]);
            x[i] = value < problem.LowA[i] - Tolerance || value <= Tolerance ? 0 : value;
        }

        ComputeLoads(problem);
        Repair(problem);
        if (topUp)
        {
            TopUp(problem, state.Scratch);
        }

        var targets = Span<double>.Empty;
        if (snapshot.Settings.ChangeBandA is { } bandA)
        {
            TransitionPlanner.Plan(problem, bandA, state.Scratch, SilentMeter.HoldsRaises(snapshot));
            targets = state.Scratch.TargetsA(n);
        }

        Write(problem, snapshot, state, result, strategyName, targets);
    }

    private static void ComputeLoads(AllocationProblem problem)
    {
        Array.Clear(problem.Load, 0, problem.ConstraintCount);
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            var xi = problem.X[i];
            if (xi == 0)
            {
                continue;
            }

            for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
            {
                problem.Load[problem.CarConstraint[e]] += problem.CarCoefficient[e] * xi;
            }
        }
    }

    /// <summary>Lowers the allocations in any constraint that is over its capacity, last connector first.</summary>
    private static void Repair(AllocationProblem problem)
    {
        for (var round = 0; round < RepairRounds; round++)
        {
            var changed = false;
            for (var j = 0; j < problem.ConstraintCount; j++)
            {
                for (var e = problem.ConstraintStart[j + 1] - 1; e >= problem.ConstraintStart[j] && problem.Load[j] > problem.Capacity[j] + Tolerance; e--)
                {
                    var i = problem.ConstraintCar[e];
                    var coefficient = problem.ConstraintCoefficient[e];
                    if (coefficient <= 0 || problem.X[i] == 0)
                    {
                        continue;
                    }

                    var wanted = problem.X[i] - ((problem.Load[j] - problem.Capacity[j]) / coefficient);
                    var lowered = Steps.Down(wanted - Tolerance, problem.StepA[i]);
                    problem.SetX(i, lowered < problem.LowA[i] - Tolerance || lowered <= Tolerance ? 0 : lowered);
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Hands out what rounding left: running connectors with steps get whole steps, lowest allocation
    /// first; connectors that take any value then share the rest max-min fairly from where they are.
    /// </summary>
    private static void TopUp(AllocationProblem problem, StrategyScratch scratch)
    {
        var running = scratch.Participants(problem.ConnectorCount);
        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.X[i] > 0 && problem.X[i] < problem.HighA[i] - Tolerance)
            {
                running[count++] = i;
            }
        }

        running = running[..count];
        var stepped = scratch.Group(count);
        var (continuous, steppedCount) = (0, 0);
        foreach (var i in running)
        {
            if (problem.StepA[i] <= 0)
            {
                // Only those with room take part: a member joining a full constraint costs a scan of it.
                if (problem.Room(i) > Tolerance)
                {
                    running[continuous++] = i;
                }
            }
            else
            {
                stepped[steppedCount++] = i;
            }
        }

        // One step each per round, lowest first, so the leftovers are shared rather than taken by one.
        problem.Sort(stepped[..steppedCount], ConnectorOrderKind.Allocation);
        var changed = true;
        for (var round = 0; round < TopUpRounds && changed; round++)
        {
            changed = false;
            foreach (var i in stepped[..steppedCount])
            {
                var step = problem.StepA[i];
                if (problem.X[i] + step <= problem.HighA[i] + Tolerance && problem.Room(i) >= step - Tolerance)
                {
                    problem.SetX(i, problem.X[i] + step);
                    changed = true;
                }
            }
        }

        // The water-filler starts each member at its minimum: for this round, where it is now.
        running = running[..continuous];
        var savedLowA = scratch.SavedLowA(continuous);
        for (var m = 0; m < continuous; m++)
        {
            savedLowA[m] = problem.LowA[running[m]];
            problem.LowA[running[m]] = problem.X[running[m]];
        }

        scratch.Filler.Fill(problem, running);
        for (var m = 0; m < continuous; m++)
        {
            problem.LowA[running[m]] = savedLowA[m];
        }
    }

    /// <param name="targets">The strategy's targets when the transition planner turned them into the limits sent now; empty when it did not.</param>
    private static void Write(AllocationProblem problem, SiteSnapshot snapshot, BalancerState state, AllocationResult result, string strategyName, ReadOnlySpan<double> targets)
    {
        result.Reset(problem.ConnectorCount, problem.NodeCount);
        result.StrategyName = strategyName;
        result.Time = snapshot.Time;
        result.GridFallbackActive = problem.GridFallbackActive;
        var outputs = result.WritableConnectors;
        var memory = state.Memory;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            outputs[i] = Decide(problem, i, targets.IsEmpty ? null : targets[i]);

            // Judged only for a car paused this cycle: the one change the judgement decides about.
            var pausing = memory[i].Running && outputs[i].LimitA <= 0;
            var unsure = pausing && ((snapshot.Settings.ChangeBandA is { } bandA && problem.Participates[i] && problem.OnMeasuredOverload(i) && problem.OnUnsureConstraint(i, bandA))
                || problem.PausedForHedge[i]);
            Remember(ref memory[i], outputs[i], snapshot.Time, unsure, snapshot.Settings.MinPauseTime);
            memory[i].ReclaimHeldSince = !problem.ReclaimHeld[i] ? default : memory[i].ReclaimHeldSince == default ? snapshot.Time : memory[i].ReclaimHeldSince;
            HoldOnceTheBaseIsKnown(problem, snapshot, i, ref memory[i], outputs[i]);
        }

        var headroom = result.WritableNodeHeadroomA;
        var uncontrolled = result.WritableNodeUncontrolledA;
        for (var k = 0; k < problem.NodeCount; k++)
        {
            var at = k * 3;
            headroom[k] = new PhaseCurrents(
                problem.Capacity[at] - problem.Load[at],
                problem.Capacity[at + 1] - problem.Load[at + 1],
                problem.Capacity[at + 2] - problem.Load[at + 2]);
            uncontrolled[k] = new PhaseCurrents(problem.BaseA[at], problem.BaseA[at + 1], problem.BaseA[at + 2]);
        }

        RememberShortPhases(problem, snapshot, outputs, state.NodeMemory, headroom);
        if (problem.SiteConstraint >= 0)
        {
            result.SiteCapHeadroomKw = problem.Capacity[problem.SiteConstraint] - problem.Load[problem.SiteConstraint];
        }
    }

    private static ConnectorAllocation Decide(AllocationProblem problem, int i, double? targetA)
    {
        var mask = problem.GridMask[i];
        if (!problem.Participates[i])
        {
            return new ConnectorAllocation(problem.FixedLimitA[i], problem.FixedReason[i], mask, -1, -1);
        }

        var x = Steps.Snap(problem.X[i], problem.StepA[i]);
        if (problem.Waiting[i])
        {
            return new ConnectorAllocation(x, AllocationReason.WaitingForRoom, mask, -1, -1);
        }

        if (x > 0 && x >= problem.HighA[i] - Tolerance)
        {
            return new ConnectorAllocation(x, problem.HighReason[i], mask, -1, -1);
        }

        // A car the transition holds running while its target is a pause (until the car has answered
        // its last change) is stopped by what its target was: its reason is that of the pause.
        var paused = x == 0 || targetA <= 0;

        // The constraint that stopped it: the one it froze on in water-filling (its bottleneck, though
        // rounding may have left a little room there), else the first one without room for another
        // step (or for its minimum).
        var needA = paused ? problem.LowA[i] : Math.Max(problem.StepA[i], 1e-6);
        var binding = paused ? -1 : problem.Binding[i];
        if (binding < 0)
        {
            for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1] && binding < 0; e++)
            {
                if (IsFull(problem, problem.CarConstraint[e], problem.CarCoefficient[e], needA))
                {
                    binding = problem.CarConstraint[e];
                }
            }
        }

        if (binding < 0)
        {
            return new ConnectorAllocation(x, paused ? problem.PauseReason[i] : AllocationReason.ShareOfCapacity, mask, -1, -1);
        }

        // A pause for capacity that only the peak target forces (no circuit limit is full: those come
        // first in a car's constraints) is the peak target's.
        var reason = !paused ? ReasonOf(problem.Kind[binding])
            : problem.PauseReason[i] == AllocationReason.PausedForCapacity && problem.Kind[binding] == ConstraintKind.PeakTarget ? AllocationReason.PeakTarget
            : problem.PauseReason[i];
        return new ConnectorAllocation(x, reason, mask, problem.ConstraintNode[binding], problem.ConstraintPhase[binding]);
    }

    // Which node phases held a participating car back in this call, and the room each left: whether room kept for a full car's
    // restart is room others lack, and whether a paused one may have its minimum again (docs/control-loop-sessions.md, Session 23, "A
    // full car paused"). A car capped, or paused, by a node's phase limit marks that phase; one paused or waiting for room
    // without a limit that shows it (a cut after a step, a start waiting for decreases to be taken) marks its phases on every
    // node above it. A probing car marks nothing: it takes no room a charging car needs.
    private static void RememberShortPhases(AllocationProblem problem, SiteSnapshot snapshot, ReadOnlySpan<ConnectorAllocation> outputs, Span<NodeMemory> nodeMemory, ReadOnlySpan<PhaseCurrents> headroom)
    {
        for (var k = 0; k < problem.NodeCount; k++)
        {
            nodeMemory[k].ShortPhases = 0;
            nodeMemory[k].HeadroomA = headroom[k];
        }

        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            var allocation = outputs[i];
            if (!problem.Participates[i] || problem.Probing[i])
            {
                continue;
            }

            if (allocation.Reason is AllocationReason.NodeCurrentLimit or AllocationReason.PausedForCapacity or AllocationReason.PausedHold
                && allocation.BindingNodeIndex >= 0 && allocation.BindingPhase >= 0)
            {
                nodeMemory[allocation.BindingNodeIndex].ShortPhases |= 1 << allocation.BindingPhase;
            }
            else if (allocation.LimitA <= 0 || allocation.Reason == AllocationReason.WaitingForRoom)
            {
                for (var k = snapshot.Connectors[i].CircuitIndex; k >= 0; k = problem.NodeParent[k])
                {
                    nodeMemory[k].ShortPhases |= allocation.GridPhaseMask;
                }
            }
        }
    }

    // A pause left unheld on an unsure base (Remember) is unheld so that the car takes its share as soon as the base is known.
    // Not while only the planner's hedge pauses it: it stays unheld until the decreases it hedges are taken (Session 46).
    // Where the base is known and the plan still pauses it (no start planned, none waiting for room), the pause was one the load
    // needed: it is held for the rest of its pause time, like any pause for capacity (docs/control-loop-sessions.md, Session 24). So too
    // where what is left unsure is less than the car's minimum and, even with the base at its low end, a phase the car loads has
    // no room for that minimum: the unsure share cannot be the car's room (Session 26).
    private static void HoldOnceTheBaseIsKnown(AllocationProblem problem, SiteSnapshot snapshot, int i, ref ConnectorMemory memory, ConnectorAllocation allocation)
    {
        if (memory.PausedOnUnsureBase && !memory.Running && allocation.LimitA <= 0 && problem.Participates[i] && !problem.Waiting[i] && !problem.PausedForHedge[i]
            && snapshot.Settings.ChangeBandA is { } bandA && (!problem.OnUnsureConstraint(i, bandA) || NoRoomAtTheBasesLowEnd(problem, i)))
        {
            memory.PausedOnUnsureBase = false;
        }
    }

    // Whether every constraint connector i loads is unsure by less than its minimum, and one of them lacks room for that minimum
    // even with its unsure share taken as room.
    private static bool NoRoomAtTheBasesLowEnd(AllocationProblem problem, int i)
    {
        var noRoom = false;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            if (problem.CarCoefficient[e] <= 0)
            {
                continue;
            }

            var j = problem.CarConstraint[e];
            var needA = problem.CarCoefficient[e] * problem.LowA[i];
            if (problem.Unsure[j] >= needA - Tolerance)
            {
                return false;
            }

            noRoom |= problem.Capacity[j] - problem.Load[j] + problem.Unsure[j] < needA - Tolerance;
        }

        return noRoom;
    }

    private static bool IsFull(AllocationProblem problem, int j, double coefficient, double needA) =>
        coefficient > 0 && problem.Capacity[j] - problem.Load[j] < (coefficient * needA) - Tolerance;

    private static AllocationReason ReasonOf(ConstraintKind kind) => kind switch
    {
        ConstraintKind.NodePhaseCurrent => AllocationReason.NodeCurrentLimit,
        ConstraintKind.NodePower => AllocationReason.NodePowerLimit,
        ConstraintKind.NodeImbalance => AllocationReason.PhaseImbalance,
        ConstraintKind.ChargerCap => AllocationReason.ChargerCurtailment,
        ConstraintKind.PeakTarget => AllocationReason.PeakTarget,
        ConstraintKind.RefusingAtFallback => AllocationReason.NodeCurrentLimit, // the grid's fallback current
        _ => AllocationReason.SiteCurtailment,
    };

    /// <param name="unsure">The car is paused this cycle where a constraint it loads reads over with its base unsure by a band or more.</param>
    private static void Remember(ref ConnectorMemory memory, ConnectorAllocation allocation, DateTimeOffset now, bool unsure, TimeSpan minPauseTime)
    {
        var running = allocation.LimitA > 0;
        if (running != memory.Running)
        {
            // A pause the peak target forces is one for capacity too (held for the minimum pause time).
            memory.PausedByBalancer = !running && allocation.Reason is AllocationReason.PausedForCapacity or AllocationReason.PeakTarget;

            // A pause decided where a meter reads over and its base may be cars answering their limits (a start its charger has
            // not reported yet, the cuts of this step on their way) may be deeper than the load needs: once the base is known the
            // car takes its share again rather than wait out the pause time (docs/control-loop-sessions.md, Session 20). Once per pause
            // time, so a car is not stopped and started again on every unsure reading.
            memory.PausedOnUnsureBase = memory.PausedByBalancer && unsure && now - memory.UnheldPauseAt >= minPauseTime;
            if (memory.PausedOnUnsureBase)
            {
                memory.UnheldPauseAt = now;
            }

            memory.Running = running;
            memory.RunningChangedAt = now;
        }
    }
}
