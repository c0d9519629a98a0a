namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>ClearChargingProfile.req: every given field narrows what is cleared.</summary>
public sealed record ClearChargingProfileRequest(
    int? Id = null,
    int? ConnectorId = null,
    ChargingProfilePurposeType? ChargingProfilePurpose = null,
    int? StackLevel = null);
