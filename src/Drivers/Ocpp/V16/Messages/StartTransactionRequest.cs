namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StartTransaction.req.</summary>
public sealed record StartTransactionRequest(
    int ConnectorId,
    string IdTag,
    int MeterStart,
    DateTimeOffset Timestamp,
    int? ReservationId = null);
