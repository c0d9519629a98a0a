namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The orders in which strategies look at connectors, over connector indexes. Every order ends on the
/// index, so it is total and the result deterministic. Each connector gets an <see cref="OrderKey"/>
/// and the keys are sorted (one key build per member, then comparisons of plain fields).
/// </summary>
internal static class ConnectorOrder
{
    // Sites have a handful of priority classes: up to this many, the serve order is made in one pass per class.
    private const int FewClasses = 8;

    public static void Sort(AllocationProblem problem, ConnectorOrderKind kind, Span<int> members, OrderKey[] keys)
    {
        if (kind == ConnectorOrderKind.Serve && TryServeOrderByClass(problem, members, keys))
        {
            return;
        }

        for (var m = 0; m < members.Length; m++)
        {
            keys[m] = KeyOf(problem, kind, members[m]);
        }

        var sorted = keys.AsSpan(0, members.Length);
        sorted.Sort();
        for (var m = 0; m < members.Length; m++)
        {
            members[m] = sorted[m].Index;
        }
    }

    // The serve order of members given in index order: class by class (highest first), each in index
    // order — the same order the sort gives, in O(members · classes) instead of a sort.
    private static bool TryServeOrderByClass(AllocationProblem problem, Span<int> members, OrderKey[] keys)
    {
        Span<int> classes = stackalloc int[FewClasses];
        var classCount = 0;
        for (var m = 0; m < members.Length; m++)
        {
            if (m > 0 && members[m] <= members[m - 1])
            {
                return false;
            }

            var priority = problem.Priority[members[m]];
            if (classes[..classCount].Contains(priority))
            {
                continue;
            }

            if (classCount == FewClasses)
            {
                return false;
            }

            classes[classCount++] = priority;
        }

        classes = classes[..classCount];
        classes.Sort();
        var written = 0;
        for (var c = classCount - 1; c >= 0; c--)
        {
            foreach (var i in members)
            {
                if (problem.Priority[i] == classes[c])
                {
                    keys[written++] = new OrderKey(0, 0, 0, 0, i);
                }
            }
        }

        for (var m = 0; m < members.Length; m++)
        {
            members[m] = keys[m].Index;
        }

        return true;
    }

    private static OrderKey KeyOf(AllocationProblem problem, ConnectorOrderKind kind, int i) => kind switch
    {
        // Higher priority first.
        ConnectorOrderKind.Serve => new OrderKey(-(double)problem.Priority[i], 0, 0, i, i),

        // Paused first: a car probed after a pause for having stopped on its own (it never takes a charging car's room), then
        // lowest priority, then the most energy in this session; ties: the later connector first.
        ConnectorOrderKind.Pause => new OrderKey(problem.Probing[i] ? double.NegativeInfinity : problem.Priority[i], -problem.SessionEnergyWh[i], 0, -i, i),

        // Higher priority, then earliest plugged in.
        ConnectorOrderKind.Arrival => new OrderKey(-(double)problem.Priority[i], 0, problem.SessionStartTicks[i], i, i),

        // Least slack to its departure first.
        ConnectorOrderKind.Slack => new OrderKey(problem.SlackS[i], 0, 0, i, i),

        // Higher priority, then the smallest allocation first.
        ConnectorOrderKind.Raise => new OrderKey(-(double)problem.Priority[i], problem.X[i], 0, i, i),

        // Smallest allocation first.
        _ => new OrderKey(problem.X[i], 0, 0, i, i),
    };
}
