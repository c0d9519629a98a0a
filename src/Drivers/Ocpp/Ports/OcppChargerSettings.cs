
namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>How the edge manages one charge point; the defaults suit most AC chargers.</summary>
public sealed record OcppChargerSettings
{
    /// <summary>The stack level of the profiles the edge sends (a higher one wins over the charger's own).</summary>
    public int StackLevel { get; init; } = 1;

    /// <summary>
    /// How long a limit profile stays valid on the charger (its validTo, OCPP 1.6 section 7.8): an
    /// edge that stops refreshing it leaves the charger on its own default after this time.
    /// </summary>
    public TimeSpan LimitValidity { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an accepted limit is sent again with a new validTo; well under <see cref="LimitValidity"/>, so two refreshes may fail before it lapses.</summary>
    public TimeSpan LimitRefreshPeriod { get; init; } = TimeSpan.FromSeconds(200);

    /// <summary>The first wait before a rejected or failed limit is sent again; it doubles with each further failure.</summary>
    public TimeSpan LimitRetryMin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two re-sends of a limit that is not applied.</summary>
    public TimeSpan LimitRetryMax { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How soon a cut the charger did not apply (below the last limit it accepted, or any while none is in force) may be sent
    /// again from its last send, back-off or not: a refused cut may be what keeps the site under its fuse (docs/control-loop-sessions.md,
    /// Session 16, "Refused cuts"; the tests and the site bench try 1 s). Null, the default: a cut
    /// waits out the back-off like any limit — on, the site bench moved overloads both ways (the document has the figures).
    /// </summary>
    public TimeSpan? LimitCutRetry { get; init; }

    /// <summary>TxDefaultProfile always, or a TxProfile while a transaction runs.</summary>
    public OcppLimitPurpose LimitPurpose { get; init; } = OcppLimitPurpose.TxDefaultProfile;

    /// <summary>The charging profile id the edge uses for its limit on connector N is this plus N.</summary>
    public int ProfileIdBase { get; init; } = 9000;

    /// <summary>HeartbeatInterval given in the BootNotification answer and set as a key.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>MeterValueSampleInterval set on boot.</summary>
    public TimeSpan MeterValueSampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>MeterValuesSampledData set on boot: energy, per-phase current and the offered current.</summary>
    public string MeterValuesSampledData { get; init; } = "Energy.Active.Import.Register,Current.Import,Current.Offered,Power.Active.Import";

    /// <summary>
    /// The connectors the charge point has (ids 1 to this; 0 is the charge point itself). A message
    /// naming a higher id is refused (PropertyConstraintViolation) and keeps no state, so a charge
    /// point cannot make the edge hold an entry for every id up to 2^31.
    /// </summary>
    public int Connectors { get; init; } = 8;

    /// <summary>
    /// Whether the charger's Current.Offered is reported as what it offers its car (<see cref="Devices.ConnectorStatus.Offered"/>);
    /// off for a firmware that reports something else there.
    /// </summary>
    public bool ReportsOfferedCurrent { get; init; } = true;

    /// <summary>Whether the edge sets its configuration keys after each accepted BootNotification.</summary>
    public bool SetConfigurationOnBoot { get; init; } = true;
}
