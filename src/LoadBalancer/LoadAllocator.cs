namespace ChargeNet.LoadBalancer;

/// <summary>
/// The convenient way to run a strategy every control cycle: it keeps the strategy's state and one
/// reusable result. Not thread-safe: one control loop owns it.
/// </summary>
public sealed class LoadAllocator
{
    private readonly BalancerState _state = new();
    private readonly AllocationResult _result = new();

    /// <summary>Creates an allocator for <paramref name="strategy"/>.</summary>
    public LoadAllocator(IAllocationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Strategy = strategy;
    }

    /// <summary>The strategy in use.</summary>
    public IAllocationStrategy Strategy { get; }

    /// <summary>
    /// Allocates for <paramref name="snapshot"/>. The returned result is reused by the next call;
    /// copy what must be kept.
    /// </summary>
    public AllocationResult Allocate(SiteSnapshot snapshot)
    {
        Strategy.Allocate(snapshot, _state, _result);
        return _result;
    }

    /// <summary>Forgets everything remembered between calls (phase detection, hold times, reclaim).</summary>
    public void Reset() => _state.Reset();
}
