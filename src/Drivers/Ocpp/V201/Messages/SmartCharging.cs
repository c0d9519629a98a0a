namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>ClearChargingProfileRequest (OCPP 2.0.1, K10): by the profile's id, or by what the criteria name.</summary>
public sealed record ClearChargingProfileRequest(int? ChargingProfileId = null, ClearChargingProfileCriteria? ChargingProfileCriteria = null);

/// <summary>ClearChargingProfileType: every given criterion must match.</summary>
public sealed record ClearChargingProfileCriteria(int? EvseId = null, string? ChargingProfilePurpose = null, int? StackLevel = null);

/// <summary>GetCompositeScheduleRequest (OCPP 2.0.1, K08): the schedule in force on an EVSE (0: the station) for duration seconds.</summary>
public sealed record GetCompositeScheduleRequest(int Duration, int EvseId, string? ChargingRateUnit = null);

/// <summary>GetCompositeScheduleResponse: Accepted with the schedule, or Rejected.</summary>
public sealed record GetCompositeScheduleResponse(string Status, CompositeSchedule? Schedule = null);

/// <summary>CompositeScheduleType.</summary>
public sealed record CompositeSchedule(int EvseId, int Duration, DateTimeOffset ScheduleStart, string ChargingRateUnit, IReadOnlyList<ChargingSchedulePeriod> ChargingSchedulePeriod);
