namespace ChargeNet.LoadBalancer;

/// <summary>
/// One connector as the balancer sees it in a snapshot. Currents are per phase of the charger itself
/// (its L1, L2, L3); <see cref="Rotation"/> says which grid phase each of them is on.
/// </summary>
public sealed record ConnectorInput
{
    /// <summary>A stable id (charger id and connector number, e.g. "CP001/1"); the balancer's memory between calls is keyed by it.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The charger it belongs to; connectors with the same id are one charger, which a per-charger cap
    /// (<see cref="SiteConstraints.PerChargerCapKw"/>) limits as a whole. Null: a charger of its own.
    /// </summary>
    public string? ChargerId { get; init; }

    /// <summary>Index of the circuit node it hangs on, in <see cref="SiteSnapshot.Nodes"/>.</summary>
    public required int CircuitIndex { get; init; }

    /// <summary>How the charger is wired to the grid phases.</summary>
    public PhaseRotation Rotation { get; init; } = PhaseRotation.L1L2L3;

    /// <summary>How many phases the charger is wired with: 1 (its L1 only) or 3.</summary>
    public int WiredPhases { get; init; } = 3;

    /// <summary>The smallest current the car may be offered when it is offered any (6 A per IEC 61851-1).</summary>
    public double MinCurrentA { get; init; } = 6;

    /// <summary>The largest current the charger (and cable) may offer.</summary>
    public required double MaxCurrentA { get; init; }

    /// <summary>The steps the charger accepts (1 for whole amperes, 0.1, …); 0 means any value.</summary>
    public double StepA { get; init; } = 1;

    /// <summary>What the connector is doing.</summary>
    public ConnectorActivity Activity { get; init; } = ConnectorActivity.Available;

    /// <summary>The current it draws now, per charger phase.</summary>
    public PhaseCurrents MeasuredCurrentA { get; init; }

    /// <summary>
    /// The most it may be drawing at the snapshot time, per charger phase, when that is more than
    /// <see cref="MeasuredCurrentA"/>: a caller that does not measure the draw afresh gives the band
    /// its estimate lies in (<see cref="MeasuredCurrentA"/> its low end). Null: the draw is known.
    /// The low end finds the load nobody controls for the allocation (too much of it is the safe
    /// side); the high end decides whether the limits in force must come down now.
    /// </summary>
    public PhaseCurrents? MeasuredCurrentHighA { get; init; }

    /// <summary>
    /// The charger phases (bit k = charger phase k) the car is counted on without anything having shown it draws there — a
    /// charger that reports one current without a phase, its car not yet placed: only its L1 surely carries the car (a one- or
    /// two-phase car draws from L1 on, IEC 61851-1). Where a meter reads over its limit, the least the load nobody controls can
    /// be counts the car on these at its band's low end: a fall still to come as it answers a cut may never come there.
    /// 0: none.
    /// </summary>
    public int UnsurePhaseMask { get; init; }

    /// <summary>
    /// The charger phases (bit k = charger phase k) the car is known to draw on — its charger's own
    /// reports showed them while its limit was steady; 0 = not known. Known, the car is counted on these
    /// and on any other its measured draw shows, at once; not known, on every wired phase until a phase
    /// has been idle for <see cref="BalancerSettings.PhaseDropTime"/>.
    /// </summary>
    public int KnownPhaseMask { get; init; }

    /// <summary>
    /// The charger phases a probe through the grid meter showed the car drawing on, for a charger whose reports never tell them
    /// (one current without a phase, no energy); 0 = none did. Counted on these at once, whatever
    /// <see cref="BalancerSettings.LearnCarPhases"/> says: such a charger's readings can never show a phase idle, so the drop time
    /// would only hold the car on phases it does not draw on for <see cref="BalancerSettings.PhaseDropTime"/> longer — and a probe
    /// judged two changes of the car itself, not a reading taken at one moment.
    /// </summary>
    public int ProbedPhaseMask { get; init; }

    /// <summary>
    /// The highest limit that may still be in force at the car, now or until the car has answered the
    /// limits sent lately (a decrease is not counted as done before the charger confirmed it and the
    /// car's response time passed; an unconfirmed raise counts at once). The balancer never plans as
    /// if it drew less: raises elsewhere wait until it has come down. Null: <see cref="LastLimitA"/>,
    /// with nothing in transition.
    /// </summary>
    public double? CommittedA { get; init; }

    /// <summary>
    /// A decrease sent to it is neither confirmed by the charger nor a car's response time old (on its way,
    /// refused or failed). While any connector has one, no raise goes out anywhere (docs/control-loop.md,
    /// "Decreases before increases").
    /// </summary>
    public bool DecreaseUnconfirmed { get; init; }

    /// <summary>
    /// Its last limit waits in its driver behind another call to its charger, not yet sent (an OCPP charge point takes one
    /// call at a time): a decrease there is not on its way, so the connector counts at what it may still draw
    /// (<see cref="CommittedA"/>) and a further cut to it frees nothing until then (docs/control-loop-sessions.md, Session 14,
    /// "A cut queued behind an unanswered call").
    /// </summary>
    public bool LimitQueued { get; init; }

    /// <summary>
    /// Its last limit is unanswered for longer than its charger takes to answer (twice its slowest of late, at least a quarter second
    /// more): most likely lost, though its driver gives it up only at the write timeout. Counted as <see cref="LimitQueued"/> is — at
    /// what it may still draw, a further cut freeing nothing — so the others are cut for it within a step's grace
    /// (docs/control-loop.md, "An overdue limit").
    /// </summary>
    public bool LimitOverdue { get; init; }

    /// <summary>
    /// How many of the latest limits sent to it its charger answered (accepted or not; timed out counts), and how
    /// many of those it did not take (<see cref="LimitsNotTaken"/>: refused, failed, timed out). By them the balancer
    /// keeps room for the decreases such a charger may not take, while a meter reads over its limit and in fallback
    /// (there for at least a quarter of each); one with no answers yet is judged by a modest prior
    /// (docs/control-loop.md, "Decreases before increases"). 0 and 0: nothing known.
    /// </summary>
    public int LimitsAnswered { get; init; }

    /// <inheritdoc cref="LimitsAnswered"/>
    public int LimitsNotTaken { get; init; }

    /// <summary>When <see cref="MeasuredCurrentA"/> was measured.</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>
    /// When its charger's own reading of the car's currents was taken — the reading itself, not an estimate made from it for
    /// <see cref="MeasuredAt"/>: for OCPP the sampled time of the MeterValues that carried it (never a StatusNotification's),
    /// for Modbus the poll's. Read after its newest limit was sent and close to the meter reading, it shows whether the car
    /// had taken a raise by then (<see cref="BalancerSettings.OwnReadingWindow"/>). Null: not known.
    /// </summary>
    public DateTimeOffset? CurrentsReadAt { get; init; }

    /// <summary>That reading's currents, per charger phase (<see cref="CurrentsReadAt"/>); null: not known.</summary>
    public PhaseCurrents? CurrentsReadA { get; init; }

    /// <summary>The limit it was last given (and accepted).</summary>
    public double LastLimitA { get; init; }

    /// <summary>When <see cref="LastLimitA"/> was given.</summary>
    public DateTimeOffset LastLimitAt { get; init; }

    /// <summary>
    /// Its charger accepted <see cref="LastLimitA"/>; false while that send is on its way, or when it was refused, failed or given
    /// up (a limit sent again after one of those is not a decrease, so <see cref="DecreaseUnconfirmed"/> does not tell it).
    /// </summary>
    public bool LastLimitConfirmed { get; init; }

    /// <summary>
    /// Its charger says it is offline (an OCPP charger whose connection closed): no limit can reach it until it is back, so a plan
    /// that lowers it is no decrease on its way — property 8 holds raises for decreases that can reach a charger, and one offline
    /// held every raise of the site while it stayed away (docs/control-loop-sessions.md, Session 46). Counted as <see cref="IsStale"/> says.
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>
    /// Set when the charger is silent or failing. Its data is also stale when older than
    /// <see cref="BalancerSettings.ConnectorDataMaxAge"/>. A stale connector is counted at the larger
    /// of <see cref="LastLimitA"/> and <see cref="FailsafeCurrentA"/> on every wired phase.
    /// </summary>
    public bool IsStale { get; init; }

    /// <summary>
    /// Stale only because its charger did not take its last limit: the charger is still reached and reports, so
    /// <see cref="MeasuredCurrentA"/> is its draw's low end like any car's. Where no meter reads over its limit less
    /// the margin, that draw is taken out of the reading, so the connector counts once, at the most it may hold —
    /// not also with its real draw left in the reading (docs/control-loop-sessions.md, Session 14, "A refusing charger counted
    /// twice"). Also a charger that only missed its latest read while that reading is fresh (the control loop's
    /// <c>FreshReadingAge</c>, within <see cref="KeepsLimitThroughMissedRead"/>): that reading is its draw (docs/control-loop-sessions.md,
    /// Session 45). False: its draw is unknown and stays in the reading too.
    /// </summary>
    public bool DrawKnownWhileStale { get; init; }

    /// <summary>
    /// Stale only because its charger missed its latest reads, a moment ago (the control loop's <c>MissedReadHold</c>): it is
    /// sent nothing new — it keeps its last limit, counted as every stale connector at the most it may hold — instead of its
    /// failsafe, unless a fresh meter above it reads over its limit itself or a meter above it is unknown (the grid
    /// meter's fallback). A missed poll no longer cuts its car (docs/control-loop-sessions.md, Session 28).
    /// </summary>
    public bool KeepsLimitThroughMissedRead { get; init; }

    /// <summary>
    /// Its charger refused its last pauses (0 A) in a row, by kind rather than by chance: free or stale, the connector is held at
    /// its minimum instead, which the charger takes, where it is already counted at least that (docs/control-loop-sessions.md, Session 22,
    /// "A charger that refuses 0 A").
    /// </summary>
    public bool RefusesPauses { get; init; }

    /// <summary>The current the charger falls back to on its own when it loses the controller.</summary>
    public double FailsafeCurrentA { get; init; }

    /// <summary>The priority class: higher is served first.</summary>
    public int PriorityClass { get; init; }

    /// <summary>When the car was plugged in (first come, first served; a new value starts a new session).</summary>
    public DateTimeOffset? SessionStartedAt { get; init; }

    /// <summary>The energy delivered in this session so far (those that had most are paused first).</summary>
    public double SessionEnergyWh { get; init; }

    /// <summary>When the car will leave, if known (deadline-aware mode).</summary>
    public DateTimeOffset? DepartureAt { get; init; }

    /// <summary>The energy the car still wants, if known.</summary>
    public double? EnergyWantedWh { get; init; }

    /// <summary>
    /// It waits for cheaper quarter-hours before its departure (set by <see cref="Peak.CheapHours"/>):
    /// offered nothing in this cycle, with the reason <see cref="AllocationReason.CheapHours"/>.
    /// </summary>
    public bool WaitsForCheaperEnergy { get; init; }
}
