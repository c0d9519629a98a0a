namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>StatusNotificationRequest: one connector of one EVSE (OCPP 2.0.1, G01): Available, Occupied, Reserved, Unavailable or Faulted.</summary>
public sealed record StatusNotificationRequest(DateTimeOffset Timestamp, string ConnectorStatus, int EvseId, int ConnectorId);
