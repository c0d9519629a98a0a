namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>ChangeAvailability.req: Inoperative or Operative; connector 0 is the whole charge point.</summary>
public sealed record ChangeAvailabilityRequest(
    int ConnectorId,
    string Type);
