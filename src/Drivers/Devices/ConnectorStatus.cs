namespace ChargeNet.Drivers.Devices;

/// <summary>What one connector reports, read at <see cref="Timestamp"/>.</summary>
/// <param name="ConnectorId">1-based connector number (OCPP numbering; a single-outlet Modbus charger has connector 1).</param>
/// <param name="State">The connector's state.</param>
/// <param name="CurrentA">Measured current per charger phase (the charger's own L1, L2, L3, before phase rotation).</param>
/// <param name="EnergyWh">The connector's energy counter in watt-hours, or the session's energy when only that is known.</param>
/// <param name="LimitA">The current limit per phase the charger says is in force, when it says.</param>
/// <param name="Timestamp">When this was read or reported (any of it: an OCPP StatusNotification re-stamps the currents of the last MeterValues).</param>
/// <param name="PhasesKnown">
/// False when the charger reported its current without saying on which phase (an OCPP
/// <c>Current.Import</c> sample with no <c>phase</c>): the value is then put on every phase of
/// <see cref="CurrentA"/>, and the control loop must count it on all the phases the connector is
/// wired to, never as 0 A on the others. True when each phase's value is its own.
/// </param>
/// <param name="Needs">What the car on it said it needs (departure, energy; OCPP 2.0.1 NotifyEVChargingNeeds), null when it said nothing.</param>
/// <param name="ExternalLimitA">
/// The lowest limit set on it from outside the edge that is in force now (OCPP 2.0.1 NotifyChargingLimit: an energy
/// management system, the grid operator), in A per phase; null when there is none or its size is not known.
/// </param>
/// <param name="CurrentsMeasuredAt">
/// When <see cref="CurrentA"/> was measured, where that differs from <see cref="Timestamp"/>: for OCPP the sampled time of
/// the meter value that carried it (docs/ocpp.md, "Meter values"), <see cref="DateTimeOffset.MinValue"/> before any; null:
/// at <see cref="Timestamp"/> (a Modbus poll reads them afresh).
/// </param>
/// <param name="PowerW">
/// The active power the charger measured with <see cref="CurrentA"/> (OCPP Power.Active.Import in the same meter value,
/// summed over phases where it gives them), W; null when it gave none with them.
/// </param>
public sealed record ConnectorStatus(
    int ConnectorId,
    ConnectorState State,
    PhaseValues CurrentA,
    double EnergyWh,
    double? LimitA,
    DateTimeOffset Timestamp,
    bool PhasesKnown = true,
    EvChargingNeeds? Needs = null,
    double? ExternalLimitA = null,
    DateTimeOffset? CurrentsMeasuredAt = null,
    double? PowerW = null)
{
    /// <summary>When <see cref="CurrentA"/> was measured: <see cref="CurrentsMeasuredAt"/>, or <see cref="Timestamp"/>.</summary>
    public DateTimeOffset CurrentsAt => CurrentsMeasuredAt ?? Timestamp;

    /// <summary>
    /// When the last limit the charger accepted from this edge lapses (an OCPP profile's validTo): from then on the charger is
    /// back on its own default whatever it accepted, even while it refuses the limits sent since. Null where no accepted limit
    /// lapses (a Modbus register holds its value) or none was accepted.
    /// </summary>
    public DateTimeOffset? AcceptedLimitValidTo { get; init; }

    /// <summary>
    /// The current the charger says it offers the car (OCPP <c>Current.Offered</c>, A per phase) and when it sampled it: its own
    /// word for the limit in force, where <see cref="LimitA"/> is the driver's book of the limit it accepted. Null where it
    /// reports none.
    /// </summary>
    public OfferedCurrent? Offered { get; init; }
}

/// <summary>What a charger said it offers the car, A per phase, sampled at <paramref name="SampledAt"/>.</summary>
public readonly record struct OfferedCurrent(double CurrentA, DateTimeOffset SampledAt);
