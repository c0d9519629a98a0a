namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>EVSEType: an EVSE and, optionally, one of its connectors.</summary>
public sealed record Evse(int Id, int? ConnectorId = null);
