using ChargeNet.LoadBalancer.Engine;

namespace ChargeNet.LoadBalancer;

/// <summary>
/// Baseline: within each priority class, the car plugged in first gets as much as every limit
/// allows, then the next, and so on; a car whose minimum no longer fits gets 0.
/// </summary>
public sealed class FirstComeFirstServedStrategy : IAllocationStrategy
{
    /// <inheritdoc />
    public string Name => "first-come-first-served";

    /// <inheritdoc />
    public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
    {
        var problem = Pipeline.Prepare(snapshot, state, result);
        var order = state.Scratch.Participants(problem.ConnectorCount);
        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i] && !problem.HeldPaused[i])
            {
                order[count++] = i;
            }
            else if (problem.Participates[i])
            {
                problem.PauseReason[i] = AllocationReason.PausedHold;
            }
        }

        order = order[..count];
        problem.Sort(order, ConnectorOrderKind.Arrival);
        SequentialFiller.Fill(problem, order);
        AllocationFinisher.Finish(problem, snapshot, state, result, Name, topUp: false);
    }
}
