namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>The confirmation of every CS-to-CP action that answers with a single status field (CancelReservation, ChangeAvailability, ChangeConfiguration, ClearCache, ClearChargingProfile, RemoteStart/StopTransaction, ReserveNow, Reset, SendLocalList, SetChargingProfile, TriggerMessage, UnlockConnector).</summary>
public sealed record StatusResponse(
    string Status);
