namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>ReserveNow.req.</summary>
public sealed record ReserveNowRequest(
    int ConnectorId,
    DateTimeOffset ExpiryDate,
    string IdTag,
    int ReservationId,
    string? ParentIdTag = null);
