namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The orders in which strategies look at connectors, over connector indexes. Every order ends on the
/// index, so it is total and the result deterministic. Used through the delegates the problem keeps
/// (a struct comparer would be boxed by the span sort).
/// </summary>
internal static class ConnectorOrder
{
    public static int Compare(AllocationProblem problem, ConnectorOrderKind kind, int a, int b)
    {
        var byKind = kind switch
        {
            // Higher priority first.
            ConnectorOrderKind.Serve => problem.Priority[b].CompareTo(problem.Priority[a]),

            // Paused first: lowest priority, then the most energy in this session.
            ConnectorOrderKind.Pause => problem.Priority[a] != problem.Priority[b]
                ? problem.Priority[a].CompareTo(problem.Priority[b])
                : problem.SessionEnergyWh[b].CompareTo(problem.SessionEnergyWh[a]),

            // Higher priority, then earliest plugged in.
            ConnectorOrderKind.Arrival => problem.Priority[a] != problem.Priority[b]
                ? problem.Priority[b].CompareTo(problem.Priority[a])
                : problem.SessionStartTicks[a].CompareTo(problem.SessionStartTicks[b]),

            // Least slack to its departure first.
            ConnectorOrderKind.Slack => problem.SlackS[a].CompareTo(problem.SlackS[b]),

            // Smallest allocation first.
            _ => problem.X[a].CompareTo(problem.X[b]),
        };

        // Ties: in pause order the later connector goes first, elsewhere the earlier one.
        return byKind != 0 ? byKind : kind == ConnectorOrderKind.Pause ? b.CompareTo(a) : a.CompareTo(b);
    }
}
