namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The orders in which strategies look at connectors, over connector indexes. Every order ends on the
/// index, so it is total and the result deterministic. Each connector gets an <see cref="OrderKey"/>
/// and the keys are sorted (one key build per member, then comparisons of plain fields).
/// </summary>
internal static class ConnectorOrder
{
    public static void Sort(AllocationProblem problem, ConnectorOrderKind kind, Span<int> members, OrderKey[] keys)
    {
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

    private static OrderKey KeyOf(AllocationProblem problem, ConnectorOrderKind kind, int i) => kind switch
    {
        // Higher priority first.
        ConnectorOrderKind.Serve => new OrderKey(-(double)problem.Priority[i], 0, 0, i, i),

        // Paused first: lowest priority, then the most energy in this session; ties: the later connector first.
        ConnectorOrderKind.Pause => new OrderKey(problem.Priority[i], -problem.SessionEnergyWh[i], 0, -i, i),

        // Higher priority, then earliest plugged in.
        ConnectorOrderKind.Arrival => new OrderKey(-(double)problem.Priority[i], 0, problem.SessionStartTicks[i], i, i),

        // Least slack to its departure first.
        ConnectorOrderKind.Slack => new OrderKey(problem.SlackS[i], 0, 0, i, i),

        // Smallest allocation first.
        _ => new OrderKey(problem.X[i], 0, 0, i, i),
    };
}
