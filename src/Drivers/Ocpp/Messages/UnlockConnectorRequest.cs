namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>UnlockConnector.req.</summary>
public sealed record UnlockConnectorRequest(
    int ConnectorId);
