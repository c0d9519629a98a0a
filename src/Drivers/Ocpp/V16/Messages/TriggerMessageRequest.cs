namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>TriggerMessage.req.</summary>
public sealed record TriggerMessageRequest(
    string RequestedMessage,
    int? ConnectorId = null);
