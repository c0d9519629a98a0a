namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>RequestStartTransactionRequest (OCPP 2.0.1, F01): with a TxProfile for the transaction it starts (K05), without its transactionId.</summary>
public sealed record RequestStartTransactionRequest(IdToken IdToken, int RemoteStartId, int? EvseId = null, ChargingProfile? ChargingProfile = null);

/// <summary>RequestStopTransactionRequest (OCPP 2.0.1, F03).</summary>
public sealed record RequestStopTransactionRequest(string TransactionId);

/// <summary>ResetRequest (OCPP 2.0.1, B11/B12): Immediate or OnIdle.</summary>
public sealed record ResetRequest(string Type, int? EvseId = null);

/// <summary>ChangeAvailabilityRequest (OCPP 2.0.1, G03/G04): the station, or one EVSE.</summary>
public sealed record ChangeAvailabilityRequest(string OperationalStatus, Evse? Evse = null);

/// <summary>UnlockConnectorRequest (OCPP 2.0.1, F05).</summary>
public sealed record UnlockConnectorRequest(int EvseId, int ConnectorId);

/// <summary>TriggerMessageRequest (OCPP 2.0.1, F06).</summary>
public sealed record TriggerMessageRequest(string RequestedMessage, Evse? Evse = null);

/// <summary>ClearCacheRequest (OCPP 2.0.1, C11): no fields.</summary>
public sealed record ClearCacheRequest;
