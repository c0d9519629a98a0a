namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>A charger and how it is wired.</summary>
public sealed record ChargerSettings
{
    /// <summary>The charger's id; for OCPP, its charge point id.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>ocpp1.6</c> or <c>modbus</c>.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The device template, for Modbus chargers.</summary>
    public string? Driver { get; init; }

    public ModbusEndpointSettings? Modbus { get; init; }

    /// <summary>The circuit the charger is fed from.</summary>
    public string Circuit { get; init; } = "";

    /// <summary>Which grid phase each of the charger's L1, L2, L3 is wired to, e.g. <c>L2L3L1</c>.</summary>
    public string PhaseRotation { get; init; } = "L1L2L3";

    /// <summary>1 for a single-phase charger, 3 otherwise.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>The number of connectors that can charge at once.</summary>
    public int Connectors { get; init; } = 1;

    public double MinCurrentA { get; init; } = 6;

    public double MaxCurrentA { get; init; } = 32;

    /// <summary>What the charger falls back to when it loses the controller; counted when it is silent.</summary>
    public double? FailsafeCurrentA { get; init; }

    /// <summary>A priority class; higher is served first.</summary>
    public int Priority { get; init; }

    /// <summary>
    /// A car here that does not say when it leaves is taken to leave this long after it plugged in
    /// (an installer's knowledge of the spot, e.g. a depot's overnight bay): cheap hours and the peak
    /// target plan with it (docs/load-balancing.md, "Cheap hours"). None: such a car has no departure.
    /// </summary>
    public double? AssumedStayHours { get; init; }

    /// <summary>With <see cref="AssumedStayHours"/>: what a car here that does not say its need is taken to want in its session (kWh); none: the power tariff's <c>assumedEnergyKwh</c>, else 20.</summary>
    public double? AssumedEnergyKwh { get; init; }

    /// <summary>The tariff of sessions here whose idTag's entry names none; none: <c>pricing.defaultTariff</c>.</summary>
    public string? Tariff { get; init; }

    /// <summary>
    /// The HTTP Basic password of OCPP security profiles 1 and 2. Write-only. In a document it is the
    /// password; once applied, the configuration in force holds only its salted hash (docs/security.md).
    /// </summary>
    public string? OcppPassword { get; init; }

    /// <summary>
    /// Whether an OCPP charger's Current.Offered is its word for the limit in force (the default): an offer above the limit it
    /// accepted counts the connector at the offer and is told (charger.limit-not-applied). False for a firmware that reports
    /// something else there (its hardware maximum, say): its driver's book of the accepted limit is used instead
    /// (docs/control-loop-sessions.md, Session 47, "What a charger offers"). OCPP chargers only.
    /// </summary>
    public bool OfferedCurrentIsLimit { get; init; } = true;

    /// <summary>The charger's id at the upstream central system (ocpp.upstream); null: its <see cref="Id"/>.</summary>
    public string? UpstreamId { get; init; }

    /// <summary>
    /// The HTTP Basic password the edge gives the upstream central system for this charger. Write-only;
    /// kept as given (the edge must send it), with the other secrets apart from the revisions.
    /// </summary>
    public string? UpstreamPassword { get; init; }
}
