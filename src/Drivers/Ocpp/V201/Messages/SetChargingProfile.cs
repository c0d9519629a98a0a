namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>SetChargingProfileRequest (OCPP 2.0.1, K01): a profile for one EVSE (0: the whole station).</summary>
public sealed record SetChargingProfileRequest(int EvseId, ChargingProfile ChargingProfile);

/// <summary>ChargingProfileType.</summary>
public sealed record ChargingProfile(
    int Id,
    int StackLevel,
    string ChargingProfilePurpose,
    string ChargingProfileKind,
    IReadOnlyList<ChargingSchedule> ChargingSchedule,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null,
    string? TransactionId = null,
    string? RecurrencyKind = null);

/// <summary>ChargingScheduleType: in A or W, from startSchedule (required of an Absolute profile).</summary>
public sealed record ChargingSchedule(int Id, string ChargingRateUnit, IReadOnlyList<ChargingSchedulePeriod> ChargingSchedulePeriod, DateTimeOffset? StartSchedule = null, int? Duration = null);

/// <summary>ChargingSchedulePeriodType: the limit from startPeriod seconds on.</summary>
public sealed record ChargingSchedulePeriod(int StartPeriod, decimal Limit, int? NumberPhases = null);
