namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>A charging profile (OCPP 1.6, section 7).</summary>
public sealed record ChargingProfile(
    int ChargingProfileId,
    int StackLevel,
    ChargingProfilePurposeType ChargingProfilePurpose,
    ChargingProfileKindType ChargingProfileKind,
    ChargingSchedule ChargingSchedule,
    int? TransactionId = null,
    RecurrencyKindType? RecurrencyKind = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null);
