namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>RemoteStartTransaction.req.</summary>
public sealed record RemoteStartTransactionRequest(
    string IdTag,
    int? ConnectorId = null,
    ChargingProfile? ChargingProfile = null);
