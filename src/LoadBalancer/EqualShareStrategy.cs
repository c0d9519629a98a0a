using ChargeNet.LoadBalancer.Engine;

namespace ChargeNet.LoadBalancer;

/// <summary>
/// Baseline from the foundation: every constraint's remaining capacity is split equally among the
/// connectors under it, and each connector gets the smallest of its shares (or 0 when that is below
/// its minimum). Safe, simple, and wasteful: what a connector cannot use is not given to others.
/// </summary>
public sealed class EqualShareStrategy : IAllocationStrategy
{
    /// <inheritdoc />
    public string Name => "equal-share";

    /// <inheritdoc />
    public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
    {
        var problem = Pipeline.Prepare(snapshot, state, result);
        var load = problem.Load;

        // Load[j] is first used for the sum of the coefficients of the connectors under constraint j.
        for (var j = 0; j < problem.ConstraintCount; j++)
        {
            var weight = 0.0;
            for (var e = problem.ConstraintStart[j]; e < problem.ConstraintStart[j + 1]; e++)
            {
                weight += Math.Max(0, problem.ConstraintCoefficient[e]);
            }

            load[j] = weight;
        }

        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (!problem.Participates[i] || problem.HeldPaused[i])
            {
                problem.PauseReason[i] = AllocationReason.PausedHold;
                continue;
            }

            var share = problem.HighA[i];
            for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
            {
                var j = problem.CarConstraint[e];
                if (problem.CarCoefficient[e] > 0)
                {
                    share = Math.Min(share, Math.Max(0, problem.Capacity[j]) / load[j]);
                }
            }

            problem.X[i] = share;
        }

        AllocationFinisher.Finish(problem, snapshot, state, result, Name, topUp: false);
    }
}
