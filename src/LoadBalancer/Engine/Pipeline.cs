namespace ChargeNet.LoadBalancer.Engine;

/// <summary>The steps every strategy shares before it distributes: validate, align the memory, build the problem.</summary>
internal static class Pipeline
{
    public static AllocationProblem Prepare(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
    {
        SnapshotValidator.Validate(snapshot);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        state.Align(snapshot.Connectors);
        state.AlignNodes(snapshot.Nodes);
        var problem = state.Problem;
        problem.Build(snapshot, state.Memory, state.NodeMemory);
        return problem;
    }
}
