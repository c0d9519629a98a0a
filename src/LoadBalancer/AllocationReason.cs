namespace ChargeNet.LoadBalancer;

/// <summary>Why a connector got the limit it got: the constraint that capped it.</summary>
public enum AllocationReason
{
    /// <summary>It got the most it may have (its own maximum).</summary>
    AtMaximum,

    /// <summary>A phase limit of a circuit node (see the binding node and phase).</summary>
    NodeCurrentLimit,

    /// <summary>The power limit of a circuit node.</summary>
    NodePowerLimit,

    /// <summary>The phase-imbalance limit of a circuit node.</summary>
    PhaseImbalance,

    /// <summary>The grid operator's cap on the site.</summary>
    SiteCurtailment,

    /// <summary>The grid operator's cap per charger.</summary>
    ChargerCurtailment,

    /// <summary>The ramp limit on increases.</summary>
    RampLimit,

    /// <summary>It draws well below what it was offered; lowered toward its draw.</summary>
    Reclaimed,

    /// <summary>Capped at what it still needs (energy wanted), or done.</summary>
    EnergyNeeded,

    /// <summary>It got its share of what there is; no single limit was reached for it.</summary>
    ShareOfCapacity,

    /// <summary>Paused: the capacity does not reach its minimum.</summary>
    PausedForCapacity,

    /// <summary>Paused and held paused for the minimum pause time.</summary>
    PausedHold,

    /// <summary>No car plugged in.</summary>
    NoVehicle,

    /// <summary>The connector is faulted or unavailable.</summary>
    Unavailable,

    /// <summary>Its data is stale: counted conservatively, offered no more than it is counted at.</summary>
    StaleData,

    /// <summary>Its raise waits until limits lowered elsewhere have taken effect at the cars.</summary>
    WaitingForRoom,

    /// <summary>Emergency stop: every connector at 0.</summary>
    EmergencyStop,

    /// <summary>Held by the site's peak target (docs/load-balancing.md, "Peak target").</summary>
    PeakTarget,

    /// <summary>Waits for cheaper quarter-hours before its departure (docs/load-balancing.md, "Cheap hours").</summary>
    CheapHours,

    /// <summary>
    /// Paused: its car stopped drawing on its own (full, or its own timer) and the room its restart would need is wanted by
    /// cars a circuit holds back; offered its minimum again when that room is free, or after
    /// <see cref="BalancerSettings.FullCarProbeInterval"/> (docs/load-balancing.md, rule 5).
    /// </summary>
    PausedFull,
}
