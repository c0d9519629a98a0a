namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>UnlockConnector.req.</summary>
public sealed record UnlockConnectorRequest(
    int ConnectorId);
