namespace ChargeNet.LoadBalancer.Engine;

/// <summary>What a linear constraint of the allocation problem stands for.</summary>
internal enum ConstraintKind : byte
{
    NodePhaseCurrent,
    NodePower,
    NodeImbalance,
    SiteCap,
    ChargerCap,
    PeakTarget,

    /// <summary>The cars of chargers that refuse their limits, on one grid phase, together under the fallback current.</summary>
    RefusingAtFallback,
}
