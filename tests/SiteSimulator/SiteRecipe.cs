namespace ChargeNet.SiteSimulator;

/// <summary>
/// What kind of site to build and what happens on it. Everything random is drawn from
/// <see cref="Seed"/>, so a recipe is one reproducible run.
/// </summary>
public sealed record SiteRecipe
{
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Which of the devices' own draws (answers, their timing, refusals) the site gets; the site itself — cars, loads, faults —
    /// is <see cref="Seed"/>'s whatever this is. 0: the draws every figure on record was measured with. A change of the loop's
    /// timing redraws a charger's later answers anyway; several draws per site tell a rule from that noise (docs/control-loop-sessions.md, Session 31).
    /// </summary>
    public int AnswerDraw { get; init; }

    public int Connectors { get; init; } = 20;

    /// <summary>Every car's dead time: the pure delay between a new offer and its new draw.</summary>
    public TimeSpan DeadTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The share of chargers that speak OCPP; the rest are Modbus wallboxes.</summary>
    public double OcppShare { get; init; } = 0.8;

    /// <summary>The share of OCPP chargers that send MeterValues every 60 s instead of 10 s.</summary>
    public double SlowMeterValuesShare { get; init; } = 0.25;

    /// <summary>The share of OCPP chargers that send Current.Import without a phase.</summary>
    public double NoPhaseShare { get; init; } = 0.2;

    /// <summary>
    /// The share of OCPP chargers that send no energy register (the e2e's CP4). Drawn from a generator of its own, so the rest of
    /// the site is the seed's own; 0 by default.
    /// </summary>
    public double NoEnergyShare { get; init; }

    /// <summary>The share of OCPP chargers that send no Current.Offered.</summary>
    public double NoOfferedShare { get; init; } = 0.3;

    /// <summary>The share of OCPP chargers that reject some of their limits, and how many of those they reject.</summary>
    public double RejectingShare { get; init; } = 0.1;

    public double RejectedRequests { get; init; } = 0.5;

    /// <summary>
    /// The share of OCPP chargers that refuse every pause (0 A) and take their other limits (<see cref="OcppBehaviour.RejectsPauses"/>):
    /// refusers by kind. Drawn from a generator of its own, so the rest of the site is the seed's own; 0 by default.
    /// </summary>
    public double PauseRefusingShare { get; init; }

    /// <summary>The share of OCPP chargers that never answer some of their limits, and how many.</summary>
    public double TimingOutShare { get; init; } = 0.1;

    public double TimedOutRequests { get; init; } = 0.3;

    /// <summary>The share of OCPP chargers that answer RemoteStopTransaction Rejected (<see cref="OcppBehaviour.RejectsSessionStop"/>).</summary>
    public double SessionStopRejectingShare { get; init; } = 0.2;

    /// <summary>The slowest SetChargingProfile answer.</summary>
    public TimeSpan MaxAnswer { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The share of Modbus wallboxes whose reads are sometimes late or lost, and how many.</summary>
    public double FlakyModbusShare { get; init; } = 0.25;

    public double FlakyReads { get; init; } = 0.2;

    /// <summary>The share of connectors with a car at the start.</summary>
    public double Occupancy { get; init; } = 0.8;

    /// <summary>Every this often, some cars leave, some arrive and some stop on their own (full).</summary>
    public TimeSpan ChurnInterval { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The share of connectors that change at each churn (leave, arrive, and go full, each).</summary>
    public double ChurnShare { get; init; } = 0.08;

    /// <summary>At each churn, up to half as many cars that stopped on their own start again by themselves (SiteScript).</summary>
    public bool FullCarsResume { get; init; } = true;

    /// <summary>The share of cars that taper (1 A/min) some minutes after they arrive.</summary>
    public double TaperingShare { get; init; } = 0.2;

    /// <summary>When the base load first steps up by <see cref="StepA"/>, how long it stays up, and how often it does.</summary>
    public TimeSpan FirstStepAt { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan StepLength { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan StepInterval { get; init; } = TimeSpan.FromMinutes(5);

    public double StepA { get; init; } = 60;

    /// <summary>
    /// A circuit (<c>c0</c>, <c>c1</c>, …; the odd ones have their own meter) that carries load nobody
    /// controls (a lift, a ventilation unit) of <see cref="CircuitLoadA"/> per phase: its meter, if it has
    /// one, sees it, and the grid meter sees it among the rest.
    /// </summary>
    public string? LoadedCircuit { get; init; }

    public double CircuitLoadA { get; init; }

    /// <summary>A fault of the grid meter, when it starts and how long it lasts.</summary>
    public MeterFault GridMeterFault { get; init; }

    public TimeSpan FaultAt { get; init; } = TimeSpan.FromMinutes(4);

    public TimeSpan FaultLength { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Chargers that report nothing at all (no status) until this long after the start, while their cars draw.</summary>
    public double SilentAtStartShare { get; init; }

    public TimeSpan SilentAtStartFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The share of OCPP chargers whose first StatusNotification after the edge starts or restarts comes late, after a time drawn per
    /// charger within <see cref="LateStatusAfter"/> (<see cref="OcppBehaviour.StatusLateBy"/>): the loop has never heard their
    /// connector's state while their car draws — at the start at the charger's own default, its maximum (plugged in while the edge
    /// was down), after a restart at what it was told. Drawn from a generator of its own, so the rest of the site is the seed's own;
    /// 0 by default.
    /// </summary>
    public double LateStatusShare { get; init; }

    public (TimeSpan Min, TimeSpan Max) LateStatusAfter { get; init; } = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    /// <summary>False: <see cref="LateStatusShare"/> holds after a restart only, the start is as without it.</summary>
    public bool LateStatusAtStart { get; init; } = true;

    /// <summary>The share of Modbus wallboxes whose state register the driver cannot map.</summary>
    public double UnmappedStateShare { get; init; }

    /// <summary>The share of chargers that report impossible values (NaN current, 1e308 Wh).</summary>
    public double ImpossibleValuesShare { get; init; }

    /// <summary>Every OCPP-like charger applies every other limit it leaves unanswered (<see cref="OcppBehaviour.AppliesUnansweredByTurns"/>).</summary>
    public bool UnansweredAppliedByTurns { get; init; }

    /// <summary>Every OCPP-like charger takes one call at a time, as the edge's driver sends them (<see cref="OcppBehaviour.OneCallAtATime"/>).</summary>
    public bool OneCallAtATime { get; init; }

    /// <summary>
    /// The OCPP driver's back-off after a refusal stands before every OCPP-like charger (<see cref="OcppBehaviour.DriverBackOff"/>),
    /// a refused cut sent again after <see cref="BackOffCutRetry"/>.
    /// </summary>
    public bool DriverBackOff { get; init; }

    /// <summary>With <see cref="DriverBackOff"/>: the driver's <see cref="Drivers.Ocpp.Ports.OcppChargerSettings.LimitCutRetry"/>, by default as shipped; null, a cut waits out the back-off too (the driver before session 16).</summary>
    public TimeSpan? BackOffCutRetry { get; init; } = new Drivers.Ocpp.Ports.OcppChargerSettings().LimitCutRetry;
}
