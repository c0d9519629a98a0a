namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>SetChargingProfile.req.</summary>
public sealed record SetChargingProfileRequest(
    int ConnectorId,
    ChargingProfile CsChargingProfiles);
