namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>TriggerMessage.req.</summary>
public sealed record TriggerMessageRequest(
    string RequestedMessage,
    int? ConnectorId = null);
