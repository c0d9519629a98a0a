namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>
/// One charging profile a charger says it holds (2.0.1 ReportChargingProfiles): whose it is (<paramref name="Source"/>: CSO
/// for a central system's, the edge's among them; EMS, SO or Other for limits set outside), what for, and its schedules.
/// </summary>
/// <param name="ConnectorId">The connector (2.0.1: the EVSE; 0 the charger itself).</param>
/// <param name="Id">The profile's id (the edge's own are its profile id base + the connector).</param>
/// <param name="StackLevel">Its stack level.</param>
/// <param name="Purpose">ChargingStationMaxProfile, TxDefaultProfile, TxProfile or ChargingStationExternalConstraints.</param>
/// <param name="Kind">Absolute, Recurring or Relative.</param>
/// <param name="Source">CSO, EMS, SO or Other (chargingLimitSource).</param>
/// <param name="ValidFrom">From when, when it says.</param>
/// <param name="ValidTo">Until when, when it says.</param>
/// <param name="TransactionId">The transaction a TxProfile is bound to.</param>
/// <param name="Schedules">Its schedules (one, or up to three for ISO 15118).</param>
public sealed record ChargerProfile(
    int ConnectorId,
    int Id,
    int StackLevel,
    string Purpose,
    string Kind,
    string Source,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    string? TransactionId,
    IReadOnlyList<ChargerProfileSchedule> Schedules);

/// <summary>One schedule of a <see cref="ChargerProfile"/> or a <see cref="ChargerExternalLimit"/>: the limit in <paramref name="Unit"/> (A or W) from each period's start.</summary>
public sealed record ChargerProfileSchedule(string Unit, DateTimeOffset? Start, int? DurationS, IReadOnlyList<ChargerSchedulePeriod> Periods);

/// <summary>
/// A limit set on a charger from outside the edge and reported by it (2.0.1 NotifyChargingLimit, K12): by an energy
/// management system (EMS), the grid operator (SO) or another party; kept until the charger reports it cleared.
/// </summary>
/// <param name="ConnectorId">The connector (2.0.1: the EVSE; 0 the whole charger).</param>
/// <param name="Source">EMS, SO, CSO or Other.</param>
/// <param name="GridCritical">The charger says the grid depends on it.</param>
/// <param name="Schedules">The schedules it reported, when it did.</param>
/// <param name="ReportedAt">When the edge received it.</param>
public sealed record ChargerExternalLimit(int ConnectorId, string Source, bool GridCritical, IReadOnlyList<ChargerProfileSchedule> Schedules, DateTimeOffset ReportedAt);
