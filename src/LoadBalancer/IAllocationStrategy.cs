namespace ChargeNet.LoadBalancer;

/// <summary>
/// A way of sharing the capacity. Every strategy keeps every hard limit; they differ in who gets
/// what. Pure: the output depends only on the snapshot and the state, which the caller keeps
/// between calls (one state per site) and which the strategy updates.
/// </summary>
public interface IAllocationStrategy
{
    /// <summary>A short name for tables and logs.</summary>
    string Name { get; }

    /// <summary>Decides every connector's limit for <paramref name="snapshot"/> and writes it to <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The snapshot is invalid; the message names what is wrong and the state is unchanged.</exception>
    void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result);
}
