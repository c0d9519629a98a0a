namespace ChargeNet.LoadBalancer;

/// <summary>The site's balancing settings; defaults are the documented ones (docs/load-balancing.md).</summary>
public sealed record BalancerSettings
{
    /// <summary>The controller aims at each limit minus this, so a short overshoot stays under the fuse.</summary>
    public double SafetyMarginA { get; init; }

    /// <summary>While the grid meter is stale, the connectors together may draw at most this per phase.</summary>
    public required double FallbackCurrentA { get; init; }

    /// <summary>Phase-to-neutral voltage used to turn currents into power.</summary>
    public double NominalVoltageV { get; init; } = 230;

    /// <summary>A meter reading older than this at the snapshot time is stale.</summary>
    public TimeSpan MeasurementMaxAge { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// With transition planning: while a meter not yet stale was last read longer ago than this, raises wait — a
    /// raise planned on an old reading is a raise against a load nobody knows, and one sent just before the meter
    /// turns stale lands inside the fallback (docs/control-loop.md, "Decreases before increases"). Two polls of a
    /// meter read every 0.5 s by default. One threshold for every meter: the live loop reads them all, a circuit's
    /// too, at its grid meter's poll (docs/control-loop.md, "Circuit meters") and sets it from that.
    /// </summary>
    public TimeSpan RaiseReadingMaxAge { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Connector data older than this at the snapshot time is stale.</summary>
    public TimeSpan ConnectorDataMaxAge { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Transition planning (the live loop's mode; null: every target is the output, as in offline
    /// replays). With a band, the output moves from each connector's <see cref="ConnectorInput.LastLimitA"/>
    /// toward the target so that the cars never need more than the circuits allow while they follow:
    /// decreases go out at once when a limit needs them, or when they are at least this large;
    /// raises of at least this much go out only into room that no committed limit still holds
    /// (<see cref="ConnectorInput.CommittedA"/>); smaller moves wait. Targets are planned half a band
    /// under each phase limit, so noise in the readings does not move a limit every cycle.
    /// </summary>
    public double? ChangeBandA { get; init; }

    /// <summary>
    /// With transition planning: a connector's limit moves again, other than down where a limit needs
    /// it, only this long after it last moved — once its car has answered (docs/control-loop.md,
    /// "Why it is stable"). Moving it sooner would plan on a draw still unknown and count its answer,
    /// as it passes through the meter, as load nobody controls. Null: no wait.
    /// </summary>
    public TimeSpan? ChangeSettleTime { get; init; }

    /// <summary>
    /// With transition planning: a charger's own reading taken after its newest limit was sent and at most this long before
    /// the grid meter's reading (<see cref="ConnectorInput.CurrentsReadAt"/>) shows what its car drew then: a raise on its way
    /// that the reading shows not taken (the car at least <see cref="ReclaimUsesAllWithinA"/> under it) counts at what the
    /// reading shows in the judgement of whether the limits in force must come down, meter over or not, and is taken back
    /// first, no lower than that reading (docs/control-loop-sessions.md, Sessions 23 and 24, "A step under the limit until the raises
    /// land"). The control loop sets half its cycle period; a grid meter never read leaves it unused. Null: a raise on its way counts at its new limit
    /// unless a meter reads over.
    /// </summary>
    public TimeSpan? OwnReadingWindow { get; init; }

    /// <summary>
    /// With transition planning: the time a car takes to answer a limit sent to it (the control loop's vehicle response time).
    /// A start this old whose draw is still unseen has answered it: what it draws is in the meter and counted twice, as load
    /// nobody controls and at its limit, and a pause for a measured overload is sized with that credited (docs/control-loop-sessions.md,
    /// Session 25, "Sizing a measured-overload pause by the measured excess"). Null: nothing is credited.
    /// </summary>
    public TimeSpan? VehicleResponseTime { get; init; }

    /// <summary>A car paused by the balancer stays paused at least this long.</summary>
    public TimeSpan MinPauseTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A car started by the balancer runs at least this long, unless a limit would be broken.</summary>
    public TimeSpan MinRunTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With transition planning, when not every car's minimum fits: a car that has run at least this long
    /// gives way to one waiting whose turn the strategy says it is (docs/control-loop.md, "Taking turns").
    /// Each swap costs the site a few seconds of both cars' current and holds raises while the pause is on
    /// its way, so turns are long.
    /// </summary>
    public TimeSpan TurnTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fastest a connector's limit may rise, in A per second; null for no ramp limit. Decreases are immediate.</summary>
    public double? RampUpAPerSecond { get; init; }

    /// <summary>Whether a car that draws well below its limit has its allocation lowered toward what it draws.</summary>
    public bool ReclaimEnabled { get; init; } = true;

    /// <summary>A car draws "well below" its limit when it draws less than the limit minus this.</summary>
    public double ReclaimThresholdA { get; init; } = 2;

    /// <summary>A reclaimed car keeps what it draws plus this.</summary>
    public double ReclaimMarginA { get; init; } = 2;

    /// <summary>A reclaimed car that uses its whole limit is offered this much more per cycle.</summary>
    public double ReclaimStepA { get; init; } = 2;

    /// <summary>
    /// A reclaimed car uses its whole limit when it draws no more than this under it; less than <see cref="ReclaimMarginA"/>, so
    /// a car held at its draw plus the margin is not raised at once (docs/control-loop-sessions.md, Session 22).
    /// </summary>
    public double ReclaimUsesAllWithinA { get; init; } = 1;

    /// <summary>A car's draw is judged only this long after its limit last changed (cars follow with a lag).</summary>
    public TimeSpan ReclaimSettleTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A held-down car whose charger's newer reading shows it drawing at least <see cref="ReclaimFollowFallA"/> less than the
    /// reading its hold was set from limits itself more tightly (it tapers): it is held at that draw plus this, on each such
    /// reading, without the settle wait (the cut stays above what it draws), until a newer reading shows it no lower than the
    /// one its hold was set from — then it is held at its draw plus <see cref="ReclaimMarginA"/> again, and may climb as a car
    /// that uses all it has (docs/control-loop-sessions.md, Session 25). Null: off, a falling car held at its draw plus the margin.
    /// </summary>
    public double? ReclaimFollowMarginA { get; init; } = 1;

    /// <summary>How far a held car's draw must fall below the reading its hold was set from to be followed; more than a reading's noise.</summary>
    public double ReclaimFollowFallA { get; init; } = 0.5;

    /// <summary>
    /// A car that stopped on its own (full, or its own timer) and has run <see cref="MinRunTime"/> is paused (0 A: it cannot
    /// draw, so no room is kept for its restart) while a circuit phase it is on holds other cars back; it is offered its
    /// minimum again once that room is free, or after this long, to learn whether it wants current again (at 0 A its charger
    /// reports the pause, not what the car wants). Null: such a car is never paused, only held at its minimum with room kept
    /// for its restart (docs/load-balancing.md, rule 5; docs/control-loop-sessions.md, Session 23).
    /// </summary>
    public TimeSpan? FullCarProbeInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The default of <see cref="PhaseInUseA"/>; the control loop learns a car's phases from its reports by it too.</summary>
    public const double DefaultPhaseInUseA = 2;

    /// <summary>The default of <see cref="PhaseIdleA"/>; the control loop learns a car's phases from its reports by it too.</summary>
    public const double DefaultPhaseIdleA = 1;

    /// <summary>A phase that draws at least this is in use by the car (it is counted at once).</summary>
    public double PhaseInUseA { get; init; } = DefaultPhaseInUseA;

    /// <summary>A phase that draws less than this, for <see cref="PhaseDropTime"/>, is no longer counted.</summary>
    public double PhaseIdleA { get; init; } = DefaultPhaseIdleA;

    /// <summary>How long a phase must stay idle before the car is counted without it.</summary>
    public TimeSpan PhaseDropTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A connector that turns stale is counted for at most this long after its last cycle with fresh data on the phases its
    /// car was counted on then (a one-phase car on a three-phase charger: its own phase), not on every wired phase; after
    /// that, or with no fresh cycle in the session, on every wired phase. Far shorter than a car can be unplugged and another
    /// plugged in; longer than a missed poll or an unanswered limit (docs/control-loop-sessions.md, Session 25). Zero: off.
    /// </summary>
    public TimeSpan StaleCarPhasesFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Off by default. On: a car whose phases its charger's reports told (<see cref="ConnectorInput.KnownPhaseMask"/>)
    /// is counted on those at once instead of on every wired phase for <see cref="PhaseDropTime"/>, and where a meter
    /// reads over its limit a car whose decrease its charger confirmed counts at no more than that limit. It frees
    /// 1.5 points of capacity, but on the site bench's <c>--unconfirmed</c> seed 51 it overloads L2 by 7.8 / 7.7 A at
    /// 1 / 2 s dead time (off: 0): the room the old count held by accident was the only hedge against cuts the chargers
    /// do not take when a step comes. It stays off until room is kept ahead of a step for such cuts
    /// (docs/control-loop-sessions.md, Session 13); <see cref="StepReserveShare"/> keeps it, but is off itself (Session 14).
    /// </summary>
    public bool LearnCarPhases { get; init; }

    /// <summary>
    /// With transition planning, on each metered node phase: the rise of the load nobody controls, as a share of the
    /// phase's limit, that room is kept for ahead of time against cuts the chargers may not take (docs/control-loop-sessions.md,
    /// Session 14, "Room kept ahead of a step"). The room kept is what such a rise would leave over once every car whose
    /// cut is sure has been cut, but no more than the draw expected not to come down (each car's draw at the share of its
    /// latest limits its charger did not take): nothing where the chargers take their limits. 0: none. A third of the
    /// limit (0.3) held the site bench's +60 A step with <see cref="LearnCarPhases"/>; half of it cost 20 points of capacity
    /// on <c>--unconfirmed</c> seed 51. Off by default: it raised the overload of the bench's normal seeds.
    /// </summary>
    public double StepReserveShare { get; init; }

    /// <summary>Deadline-aware mode: within a priority class, cars with less slack to their departure get more.</summary>
    public bool DeadlineAware { get; init; }

    /// <summary>
    /// Deadline-aware mode for cars whose departure is not known: assume they leave this long after
    /// they were plugged in (null: such cars are served after those with a departure).
    /// </summary>
    public TimeSpan? AssumedStay { get; init; }

    /// <summary>
    /// When set, a car that says how much energy it still wants is offered no more than it can take in
    /// this long (the control period), so no capacity is offered that cannot be used.
    /// </summary>
    public TimeSpan? EnergyCapPeriod { get; init; }
}
