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
            TopUp(problem);
        }

        Write(problem, snapshot, state, result, strategyName);
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
                    SetX(problem, i, lowered < problem.LowA[i] - Tolerance || lowered <= Tolerance ? 0 : lowered);
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    /// <summary>Gives running connectors, in order, whole steps that fit in every constraint.</summary>
    private static void TopUp(AllocationProblem problem)
    {
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            var step = problem.StepA[i];
            if (problem.X[i] == 0 || step <= 0 || problem.X[i] >= problem.HighA[i] - Tolerance)
            {
                continue;
            }

            var roomA = problem.HighA[i] - problem.X[i];
            for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
            {
                var coefficient = problem.CarCoefficient[e];
                if (coefficient > 0)
                {
                    var j = problem.CarConstraint[e];
                    roomA = Math.Min(roomA, (problem.Capacity[j] - problem.Load[j]) / coefficient);
                }
            }

            var addA = Steps.Down(roomA - Tolerance, step);
            if (addA > 0)
            {
                SetX(problem, i, problem.X[i] + addA);
            }
        }
    }

    public static void SetX(AllocationProblem problem, int i, double value)
    {
        var delta = value - problem.X[i];
        problem.X[i] = value;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            problem.Load[problem.CarConstraint[e]] += problem.CarCoefficient[e] * delta;
        }
    }

    private static void Write(AllocationProblem problem, SiteSnapshot snapshot, BalancerState state, AllocationResult result, string strategyName)
    {
        result.Reset(problem.ConnectorCount, problem.NodeCount);
        result.StrategyName = strategyName;
        result.Time = snapshot.Time;
        result.GridFallbackActive = problem.GridFallbackActive;
        var outputs = result.WritableConnectors;
        var memory = state.Memory;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            outputs[i] = Decide(problem, i);
            Remember(ref memory[i], outputs[i], snapshot.Time);
        }

        var headroom = result.WritableNodeHeadroomA;
        for (var k = 0; k < problem.NodeCount; k++)
        {
            var at = k * 3;
            headroom[k] = new PhaseCurrents(
                problem.Capacity[at] - problem.Load[at],
                problem.Capacity[at + 1] - problem.Load[at + 1],
                problem.Capacity[at + 2] - problem.Load[at + 2]);
        }

        if (problem.SiteConstraint >= 0)
        {
            result.SiteCapHeadroomKw = problem.Capacity[problem.SiteConstraint] - problem.Load[problem.SiteConstraint];
        }
    }

    private static ConnectorAllocation Decide(AllocationProblem problem, int i)
    {
        var mask = problem.GridMask[i];
        if (!problem.Participates[i])
        {
            return new ConnectorAllocation(problem.FixedLimitA[i], problem.FixedReason[i], mask, -1, -1);
        }

        var x = problem.X[i];
        if (x > 0 && x >= problem.HighA[i] - Tolerance)
        {
            return new ConnectorAllocation(x, problem.HighReason[i], mask, -1, -1);
        }

        // The constraint that stopped it: the first one without room for another step (or its minimum).
        var needA = x > 0 ? Math.Max(problem.StepA[i], 1e-6) : problem.LowA[i];
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            var j = problem.CarConstraint[e];
            if (coefficient > 0 && problem.Capacity[j] - problem.Load[j] < (coefficient * needA) - Tolerance)
            {
                var reason = x == 0 ? problem.PauseReason[i] : ReasonOf(problem.Kind[j]);
                return new ConnectorAllocation(x, reason, mask, problem.ConstraintNode[j], problem.ConstraintPhase[j]);
            }
        }

        return new ConnectorAllocation(x, x == 0 ? problem.PauseReason[i] : AllocationReason.ShareOfCapacity, mask, -1, -1);
    }

    private static AllocationReason ReasonOf(ConstraintKind kind) => kind switch
    {
        ConstraintKind.NodePhaseCurrent => AllocationReason.NodeCurrentLimit,
        ConstraintKind.NodePower => AllocationReason.NodePowerLimit,
        ConstraintKind.NodeImbalance => AllocationReason.PhaseImbalance,
        _ => AllocationReason.SiteCurtailment,
    };

    private static void Remember(ref ConnectorMemory memory, ConnectorAllocation allocation, DateTimeOffset now)
    {
        var running = allocation.LimitA > 0;
        if (running != memory.Running)
        {
            memory.PausedByBalancer = !running && allocation.Reason is AllocationReason.PausedForCapacity;
            memory.Running = running;
            memory.RunningChangedAt = now;
        }
    }
}
