namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>SetChargingProfile.req.</summary>
public sealed record SetChargingProfileRequest(
    int ConnectorId,
    ChargingProfile CsChargingProfiles);
