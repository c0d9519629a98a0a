namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Turns the targets of a strategy into the limits to send now, for cars that answer a new limit
/// only seconds later (docs/control-loop.md, "Decreases before increases"). A connector is
/// reserved at the most it may still draw — its committed limit, or its new limit when higher —
/// and:
/// <list type="bullet">
/// <item>a decrease goes out at once when a constraint is over its limit with the cars at the most
/// they may be drawing, when the connector is above a bound of its own, or when it is at least a
/// band; smaller ones wait, and a pause no limit needs stops at the car's minimum;</item>
/// <item>a raise of at least a band (or a start) goes out only into room no reservation holds, higher
/// priority and lowest limit first; what does not fit waits for the decreases to take effect.</item>
/// </list>
/// The outputs replace the targets in <see cref="AllocationProblem.X"/>.
/// </summary>
internal static class TransitionPlanner
{
    private const double Tolerance = 1e-9;

    public static void Plan(AllocationProblem problem, double bandA, StrategyScratch scratch)
    {
        var n = problem.ConnectorCount;
        var targets = scratch.TargetsA(n);
        Array.Clear(problem.Load, 0, problem.ConstraintCount);
        for (var i = 0; i < n; i++)
        {
            targets[i] = problem.X[i];
            if (problem.Participates[i])
            {
                AddLoad(problem, i, Reserved(problem, i, problem.LastLimitA[i]));
            }
        }

        // Which constraints the limits in force break: they must come down now.
        var candidates = scratch.Group(n);
        var candidateCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (!problem.Participates[i])
            {
                continue;
            }

            var targetA = targets[i];
            var lastA = problem.LastLimitA[i];
            var outA = lastA;
            if (targetA < lastA - Tolerance)
            {
                // A bound of its own (its maximum, a manual limit, curtailment) holds at once too. A
                // pause goes out only when a limit needs it: a target of 0 that only the estimate's
                // caution asks for (cars still answering their last limits) lowers to the minimum.
                var needed = lastA > problem.HighA[i] + Tolerance || IsOverLimit(problem, i);
                if (targetA <= 0 && !needed)
                {
                    targetA = Math.Min(lastA, problem.LowA[i]);
                }

                // One that only fairness lowers waits until its car has answered its last change — not
                // while the grid meter is unknown: then no reading is misread and the fallback wants all.
                if (needed || (lastA - targetA >= bandA - Tolerance && (problem.Settled[i] || problem.GridFallbackActive)))
                {
                    outA = targetA;
                }
            }
            else if (targetA > lastA + Tolerance && (lastA <= 0 || targetA - lastA >= bandA - Tolerance))
            {
                if (problem.Settled[i])
                {
                    candidates[candidateCount++] = i;
                }
                else
                {
                    problem.Waiting[i] = true;
                }
            }

            problem.X[i] = outA;
        }

        if (problem.GridFallbackActive)
        {
            PauseWhereStillOver(problem);
        }

        // Decreases were decided against the loads as they were; the reservations of lowered
        // connectors stay at their committed limits, so the loads need no update for them.
        var raises = candidates[..candidateCount];
        problem.Sort(raises, ConnectorOrderKind.Raise);
        foreach (var i in raises)
        {
            var reservedA = Reserved(problem, i, problem.LastLimitA[i]);
            var grantA = Math.Min(targets[i], reservedA + Room(problem, i));
            grantA = Steps.Down(grantA + Tolerance, problem.StepA[i]);
            var lastA = problem.LastLimitA[i];
            var useful = grantA >= targets[i] - Tolerance
                || (grantA >= problem.LowA[i] - Tolerance && grantA - lastA >= bandA - Tolerance);
            if (!useful || grantA <= lastA + Tolerance)
            {
                problem.Waiting[i] = true;
                continue;
            }

            var newReservedA = Reserved(problem, i, grantA);
            AddLoad(problem, i, newReservedA - reservedA);
            problem.X[i] = grantA;
        }
    }

    // What a connector may draw while it follows: its committed limit, or the limit it is given when higher.
    private static double Reserved(AllocationProblem problem, int i, double limitA) => Math.Max(problem.CommittedA[i], limitA);

    private static void AddLoad(AllocationProblem problem, int i, double currentA)
    {
        if (currentA == 0)
        {
            return;
        }

        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            problem.Load[problem.CarConstraint[e]] += problem.CarCoefficient[e] * currentA;
        }
    }

    // Where the limits in force must come down: the limit itself, not the targets' half band under it.
    private static double LimitOf(AllocationProblem problem, int j) => problem.Capacity[j] + problem.ForcedSlack[j];

    private static bool IsOverLimit(AllocationProblem problem, int i)
    {
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            if (problem.CarCoefficient[e] > 0 && problem.Load[j] > LimitOf(problem, j) + Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// While the grid meter is unknown the fallback must hold within a bound whatever the chargers answer.
    /// A connector keeps its committed current reserved until its charger confirmed its decrease and its car
    /// answered, so nothing lowered this cycle frees room yet: where, counted so, a constraint is still over
    /// its limit, every connector still running on it is paused. The targets count only the limits they
    /// give; a charger that refuses or is slow to take its decrease would otherwise keep others running over
    /// the fallback.
    /// </summary>
    private static void PauseWhereStillOver(AllocationProblem problem)
    {
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i] && problem.X[i] > 0 && IsOverLimit(problem, i))
            {
                problem.X[i] = 0;
                problem.PauseReason[i] = AllocationReason.PausedForCapacity;
            }
        }
    }

    private static double Room(AllocationProblem problem, int i)
    {
        var roomA = double.PositiveInfinity;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            if (coefficient > 0)
            {
                var j = problem.CarConstraint[e];
                roomA = Math.Min(roomA, (problem.Capacity[j] - problem.Load[j]) / coefficient);
            }
        }

        return Math.Max(0, roomA);
    }
}
