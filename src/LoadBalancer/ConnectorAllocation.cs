namespace ChargeNet.LoadBalancer;

/// <summary>
/// The decision for one connector: its current limit (0, or within its min and max in its steps),
/// why, the grid phases it was counted on (bit 0 = L1, bit 1 = L2, bit 2 = L3), and the node and
/// phase that capped it (-1 when no node did).
/// </summary>
public readonly record struct ConnectorAllocation(
    double LimitA,
    AllocationReason Reason,
    int GridPhaseMask,
    int BindingNodeIndex,
    int BindingPhase)
{
    /// <summary>Whether grid phase <paramref name="phase"/> (0..2) carries this connector's current.</summary>
    public bool UsesGridPhase(int phase) => (GridPhaseMask & (1 << phase)) != 0;
}
