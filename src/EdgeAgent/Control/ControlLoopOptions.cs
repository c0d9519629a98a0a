namespace ChargeNet.EdgeAgent.Control;

/// <summary>How often the control loop runs and how long it waits for devices.</summary>
public sealed class ControlLoopOptions
{
    /// <summary>The cycle period: 1 s by default, 250 ms at the fastest.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a device read may take before the cycle goes on without it.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long a setpoint may take before it counts as not delivered.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a lowered limit may go unanswered before it counts as not taken: the connector is then counted at the most
    /// it may hold (the other cars are cut for it) and its limit is sent again, while the answer may still come until
    /// <see cref="WriteTimeout"/> (a late acceptance confirms it). Null (the default) is off; else more than 0 and less than
    /// <see cref="WriteTimeout"/> — a write timeout set alone never trips it. Off because on, at 3.5 s, the site bench overloads where it did
    /// not (seeds 4 and 12 at 1 s dead time, 3.2–3.4 A; docs/control-loop-sessions.md, Session 14, "The wait for an unanswered decrease").
    /// </summary>
    public TimeSpan? DecreaseAnswerWait { get; set; }

    /// <summary><see cref="DecreaseAnswerWait"/> when it is on (shorter than <see cref="WriteTimeout"/>), else null.</summary>
    internal TimeSpan? UnansweredDecreaseWait => DecreaseAnswerWait < WriteTimeout ? DecreaseAnswerWait : null;

    /// <summary>A limit raised by less than this is not sent again; every decrease is (issue 13 property 8).</summary>
    public double MinChangeA { get; set; } = 0.1;

    /// <summary>
    /// The longest a car takes to answer a new limit (IEC 61851-1 allows 5 s; docs/control-loop.md):
    /// a lowered limit is counted as gone only this long after the charger confirmed it.
    /// </summary>
    public TimeSpan VehicleResponseTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A charger's reading at most this old is the car's draw itself (Modbus chargers polled every second).</summary>
    public TimeSpan FreshReadingAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A charger that missed its reads for at most this long (its last good reading no older; it did not say it is offline)
    /// keeps the limit it was last sent instead of being sent its failsafe: it is counted at the most it may hold either way,
    /// and the failsafe only cut its car (a car at 21 A sent 6 A by one missed poll) and left a draw the estimate could not
    /// follow for a dead time. Not where a meter above it reads over its limit itself (a real overload), nor in the grid meter's
    /// fallback (<see cref="ChargeNet.LoadBalancer.ConnectorInput.KeepsLimitThroughMissedRead"/>; docs/control-loop-sessions.md,
    /// Session 28). While its last reading is fresh (<see cref="FreshReadingAge"/>) that reading comes out of the grid reading,
    /// so it counts once (Session 45). 5 s by default, as measured: it cut the most limit changes one connector gets in a
    /// minute by a third and raised capacity use on the sweep and at 1,000 connectors (Session 45); zero sends the failsafe
    /// at the first missed read.
    /// </summary>
    public TimeSpan MissedReadHold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The loop's one dead-band: a limit is raised, or lowered for fairness, only by at least this
    /// much; a decrease that a limit needs goes out whatever its size.
    /// </summary>
    public double ChangeBandA { get; set; } = 1.0;

    /// <summary>
    /// Learn each car's phases from its charger's reports and count it on those alone
    /// (<see cref="ChargeNet.LoadBalancer.BalancerSettings.LearnCarPhases"/>). Off by default: on the site bench's
    /// <c>--unconfirmed</c> seed 51 it overloads by 7.8 A where off does not (docs/control-loop-sessions.md, Session 13); with
    /// <see cref="StepReserveShare"/> at 0.3 it does not, but normal seeds overload more (Session 14).
    /// </summary>
    public bool LearnCarPhases { get; set; }

    /// <summary>
    /// Room kept ahead of a step of the load nobody controls, for cuts chargers may not take, against a rise of this
    /// share of each metered phase limit (<see cref="ChargeNet.LoadBalancer.BalancerSettings.StepReserveShare"/>).
    /// 0 (off) by default: on the site bench it removed <c>--unconfirmed</c> seed 51's overload with
    /// <see cref="LearnCarPhases"/>, but raised the overload of normal seeds (docs/control-loop-sessions.md, Session 14).
    /// </summary>
    public double StepReserveShare { get; set; }

    /// <summary>
    /// Place the car of a charger that reports one current without a phase, and whose energy and power never told its phases, by a
    /// probe through the grid meter (<see cref="PhaseProbe"/>; docs/control-loop.md, "A car's phases from a probe"): counted on
    /// every wired phase otherwise, a one-phase car keeps room on two phases it does not draw on.
    /// </summary>
    public bool ProbeCarPhases { get; set; } = true;

    /// <summary>
    /// Count a charger that refused its cut (stale, still reporting) once: its draw comes out of the grid reading where no
    /// meter reads over (<see cref="ChargeNet.LoadBalancer.ConnectorInput.DrawKnownWhileStale"/>). Off by default: on the
    /// site bench seed 2 at 5 s dead time the changed trajectory overloads by 1.3 A where off does not (docs/control-loop-sessions.md,
    /// Session 14, "A refusing charger counted twice").
    /// </summary>
    public bool CountRefusingChargerOnce { get; set; }

    /// <summary>
    /// A lower limit for a connector whose last send is still unanswered, queued by its driver behind that call, gives that
    /// send up (its write is cancelled), so a driver that sends one call at a time (OCPP) sends the cut at once instead of
    /// after the unanswered call's answer (up to 3 s) or the write timeout. The given-up limit still counts as may be in force. Off by default: an OCPP
    /// charger then gets a call while the one before may still be outstanding (docs/control-loop-sessions.md, Session 15, "Seeds 7, 13 and 1").
    /// </summary>
    public bool CancelSupersededSend { get; set; }

    /// <summary>
    /// Ask a charger that can (OCPP TriggerMessage MeterValues) for a connector's meter values once the car has had
    /// <see cref="VehicleResponseTime"/> plus a cycle to answer a limit the charger took, where no report has come since: a charger
    /// that reports once a minute otherwise holds raises on an estimate a minute old (docs/control-loop.md, "Asking for a report").
    /// On by default since Session 24 (the pause on an unsure base it exposed in <c>StabilityTests</c> is held once the base is known).
    /// </summary>
    public bool AskForReportAfterLimit { get; set; } = true;

    /// <summary>
    /// The last resort for a car its charger will not pause: after this many of its charger's answers in a row did not take a limit
    /// (refused, failed, unanswered), the newest its pause, while the plan pauses it and still counts a phase it loads over its
    /// limit (nothing else left to cut there) and its charger says it draws, the loop asks the charger to end its session (OCPP
    /// RemoteStopTransaction, <see cref="ChargeNet.Drivers.Devices.IHasSessionStop"/>) and raises <c>charger.session.stopped</c>.
    /// 0 is off (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort").
    /// </summary>
    public int SessionStopAfterRefusals { get; set; } = 2;

    /// <summary>
    /// The same last resort without waiting for the pause's answer, for a charger with a record: one that did not take at least
    /// this many of its last 16 limits has its car's session ended in the cycle that pauses it, under every other condition of
    /// <see cref="SessionStopAfterRefusals"/> (a fresh meter reads the car's phase over, nothing else left to cut there). An answer
    /// comes 0.1–3 s after the send (5 s when there is none), later than the car's dead time plus a second that property 1
    /// allows, so no stop sent after a refusal keeps a step's overload inside that grace (docs/control-loop-sessions.md, Session 21).
    /// 0 is off, the default: on the site bench it ended six times as many sessions as the loop without it, most where the charger
    /// would have taken its pause in time (Session 21).
    /// </summary>
    public int SessionStopOnRefusalRecord { get; set; }
}
