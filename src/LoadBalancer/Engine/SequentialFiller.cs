namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Serves members one after the other: each gets as much as every constraint it loads still allows
/// (up to its upper bound), or stays at 0 when that does not reach its minimum.
/// </summary>
internal static class SequentialFiller
{
    public static void Fill(AllocationProblem problem, ReadOnlySpan<int> members)
    {
        foreach (var i in members)
        {
            var roomA = problem.Room(i);
            var value = problem.X[i] + Math.Max(0, roomA);
            if (value >= problem.LowA[i] && value > 0)
            {
                problem.SetX(i, value);
            }
        }
    }
}
