namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>NotifyChargingLimitRequest (OCPP 2.0.1, K12): a limit set on the station from outside (an EMS, the grid operator), for one EVSE or (none) the station.</summary>
public sealed record NotifyChargingLimitRequest(ChargingLimit ChargingLimit, int? EvseId = null, IReadOnlyList<ChargingSchedule>? ChargingSchedule = null);

/// <summary>ChargingLimitType: who set it (EMS, Other, SO, CSO) and whether the grid depends on it.</summary>
public sealed record ChargingLimit(string ChargingLimitSource, bool? IsGridCritical = null);

/// <summary>ClearedChargingLimitRequest (OCPP 2.0.1, K13): the outside limit of that source is gone.</summary>
public sealed record ClearedChargingLimitRequest(string ChargingLimitSource, int? EvseId = null);

/// <summary>GetChargingProfilesRequest (OCPP 2.0.1, K09): the profiles the station holds, reported by ReportChargingProfiles with the same requestId.</summary>
public sealed record GetChargingProfilesRequest(int RequestId, ChargingProfileCriterion ChargingProfile, int? EvseId = null);

/// <summary>
/// ChargingProfileCriterionType (K09): every field optional, a profile is reported when it matches every one given; none
/// asks for every profile. <paramref name="ChargingProfileId"/> and <paramref name="ChargingLimitSource"/> at most 4 items.
/// </summary>
public sealed record ChargingProfileCriterion(
    string? ChargingProfilePurpose = null,
    int? StackLevel = null,
    IReadOnlyList<int>? ChargingProfileId = null,
    IReadOnlyList<string>? ChargingLimitSource = null);

/// <summary>GetChargingProfilesResponse: Accepted (reports follow) or NoProfiles.</summary>
public sealed record GetChargingProfilesResponse(string Status);

/// <summary>ReportChargingProfilesRequest: one part of the answer to a GetChargingProfiles, per EVSE and source; tbc on all but the last.</summary>
public sealed record ReportChargingProfilesRequest(int RequestId, string ChargingLimitSource, int EvseId, IReadOnlyList<ChargingProfile> ChargingProfile, bool? Tbc = null);
