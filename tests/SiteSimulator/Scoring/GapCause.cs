namespace ChargeNet.SiteSimulator;

/// <summary>
/// Why the cars drew less than they could (<see cref="CapacityLossScore"/>): each car's shortfall goes to
/// one of these, by what its charger offered and what the loop's last allocation said of it.
/// </summary>
public enum GapCause
{
    /// <summary>Offered at least its minimum and more than it draws: the car has not followed yet (dead time).</summary>
    DeadTime,

    /// <summary>Offered nothing: paused and within its pause hold.</summary>
    PausedHold,

    /// <summary>Offered nothing: its start waits for decreases elsewhere to be confirmed, or for its last change to settle.</summary>
    StartWaiting,

    /// <summary>Running, offered less than it wants: its raise waits for decreases elsewhere, or for its last change to settle.</summary>
    RaiseWaiting,

    /// <summary>
    /// Paused for room, or running and offered less than it wants, bound by a circuit phase that was really full
    /// (less than 1 A of its room undrawn): the room went to other cars — on a phase where the car itself lacks no
    /// room, the phase coupling of a three-phase car. The causes below split the same when the bound phase had room.
    /// </summary>
    RoomFull,

    /// <summary>Bound by a circuit phase with room left, because the loop took the load nobody controls there to be higher than it was.</summary>
    BaseOverestimated,

    /// <summary>Bound by a circuit phase with room left, held by connectors counted on it whose cars do not use it (phases not yet known).</summary>
    HeldOffPhase,

    /// <summary>Bound by a circuit phase with room left, held by limits above what their cars draw (tapering, full, not yet followed).</summary>
    HeldByLimits,

    /// <summary>
    /// Bound by a circuit phase with room left, which the loop's allocation left unallocated there (its headroom) while no
    /// car counted there waited for a start or raise (the band: raises under it wait), or bound by no circuit at all.
    /// </summary>
    NotHandedOut,

    /// <summary>Bound by a circuit phase with room left, which the allocation left unallocated there beside cars whose start or raise waits (up to what they lack).</summary>
    HeadroomBesideWaiting,

    /// <summary>Bound by a circuit phase with room left, kept as a reserve: for one car that stopped on its own to start again, and half a band under the limit.</summary>
    Reserved,

    /// <summary>Bound by a circuit phase with room left, for none of the reasons above (limits committed above those last given, rounding, estimates of other circuits).</summary>
    HeldOther,

    /// <summary>Counted stale (its charger unreachable, or it did not take a decrease): offered no more than it is counted at.</summary>
    Stale,

    /// <summary>The loop gave it more than its charger offers yet: a raise in flight, refused or timed out.</summary>
    NotApplied,

    /// <summary>Lowered toward its draw, or taken as stopped on its own (reclaim).</summary>
    Reclaimed,

    /// <summary>Any other reason (before the first cycle, manual limits, energy wanted).</summary>
    Other,

    /// <summary>The cars drew more than the room (limit − margin − uncontrolled load): negative, within the margin or an overload.</summary>
    BeyondRoom,
}
