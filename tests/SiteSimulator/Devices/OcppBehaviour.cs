namespace ChargeNet.SiteSimulator;

/// <summary>How an OCPP-like charger reports and answers.</summary>
public sealed record OcppBehaviour
{
    /// <summary>How often it sends MeterValues (10 s, or 60 s for chargers that refuse MeterValueSampleInterval).</summary>
    public TimeSpan MeterValuesInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When its first MeterValues comes after the start; before that it has reported nothing.</summary>
    public TimeSpan FirstReportAfter { get; init; }

    /// <summary>
    /// After the edge starts or restarts, its first StatusNotification comes this late: until then the edge's driver reports no state
    /// for its connector whatever MeterValues came (src/Drivers/Ocpp/OcppCharger.cs leaves such a connector out). The driver's status
    /// ask (TriggerMessage StatusNotification, Ocpp16Protocol.AfterConnectAsync) gives way to the edge's limits, so even with
    /// <see cref="OneCallAtATime"/> they do not wait behind it (OcppCallTurns; docs/control-loop-sessions.md, Session 46). Null: its
    /// state comes with its first report.
    /// </summary>
    public TimeSpan? StatusLateBy { get; init; }

    /// <summary>False: <see cref="StatusLateBy"/> holds after an edge restart only.</summary>
    public bool StatusLateAtStart { get; init; } = true;

    /// <summary>False: Current.Import comes without a phase, which the edge's driver puts on every phase, marked unknown.</summary>
    public bool PerPhaseCurrents { get; init; } = true;

    /// <summary>Whether MeterValues carry the energy register; without it (the e2e's CP4), the register stays at 0.</summary>
    public bool ReportsEnergy { get; init; } = true;

    /// <summary>Whether it sends Current.Offered.</summary>
    public bool ReportsOffered { get; init; } = true;

    /// <summary>The share of SetChargingProfile requests it answers Rejected.</summary>
    public double RejectShare { get; init; }

    /// <summary>The share of SetChargingProfile requests it never answers.</summary>
    public double TimeOutShare { get; init; }

    /// <summary>
    /// It answers every limit of 0 A Rejected and takes its other limits as its shares say: a firmware that takes no limit under
    /// the car's minimum current, so a pause never reaches the car while a cut to 6 A does (docs/control-loop-sessions.md, Session 22).
    /// A refuser by kind, where <see cref="RejectShare"/> is one by coin.
    /// </summary>
    public bool RejectsPauses { get; init; }

    public TimeSpan MinAnswer { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxAnswer { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Takes one call at a time, as the edge's OCPP driver sends them (<see cref="OneCallGate"/>): a limit asked for while
    /// another is unanswered waits. Off by default so the seeded property tests keep their sites (docs/control-loop-sessions.md,
    /// Session 14, "The simulated chargers take one call at a time").
    /// </summary>
    public bool OneCallAtATime { get; init; }

    /// <summary>
    /// The edge's OCPP driver's back-off after a refusal stands between the loop and this charger (<see cref="SiteSimulator.DriverBackOff"/>);
    /// null: every limit asked for reaches it. Off by default so the seeded runs keep their sites (docs/control-loop-sessions.md, Session 16, "Refused cuts").
    /// </summary>
    public DriverBackOff? DriverBackOff { get; init; }

    /// <summary>
    /// Applies every other limit it leaves unanswered all the same (its answer was lost, not its receipt): a limit that timed out
    /// may be in force. Off by default: a scripted test's unanswered limit is one the charger never took.
    /// </summary>
    public bool AppliesUnansweredByTurns { get; init; }

    /// <summary>Reports a NaN current and a 1e308 Wh energy counter (a broken meter in the charger).</summary>
    public bool ReportsImpossibleValues { get; init; }

    /// <summary>
    /// It answers RemoteStopTransaction Rejected (a firmware that keeps the session to the driver's own card); else it accepts it, ends
    /// the session when the request arrives and answers 0.1–3 s later, as its limits (docs/control-loop-sessions.md, Session 20).
    /// </summary>
    public bool RejectsSessionStop { get; init; }

    /// <summary>
    /// It answers TriggerMessage MeterValues Accepted after <see cref="MinAnswer"/> and sends that connector's meter values with the
    /// answer, as OCPP 1.6 section 5.17 has it; false: it refuses them (docs/control-loop.md, "Asking for a report").
    /// </summary>
    public bool AnswersReportRequests { get; init; } = true;
}
