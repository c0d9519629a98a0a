namespace ChargeNet.LoadBalancer;

/// <summary>
/// How a charger is wired: the name lists the grid phase of the charger's L1, L2 and L3 in order.
/// <see cref="L2L3L1"/> puts the charger's L1 on grid L2, so a 1-phase car on it loads grid L2.
/// </summary>
public enum PhaseRotation
{
    /// <summary>Charger L1, L2, L3 on grid L1, L2, L3.</summary>
    L1L2L3,

    /// <summary>Charger L1, L2, L3 on grid L2, L3, L1.</summary>
    L2L3L1,

    /// <summary>Charger L1, L2, L3 on grid L3, L1, L2.</summary>
    L3L1L2,

    /// <summary>Charger L1, L2, L3 on grid L1, L3, L2.</summary>
    L1L3L2,

    /// <summary>Charger L1, L2, L3 on grid L3, L2, L1.</summary>
    L3L2L1,

    /// <summary>Charger L1, L2, L3 on grid L2, L1, L3.</summary>
    L2L1L3,
}
