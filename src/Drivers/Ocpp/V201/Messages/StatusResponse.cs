namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>The answer of every call whose confirmation is one status (SetChargingProfile, RequestStart/StopTransaction, Reset, ChangeAvailability, UnlockConnector, TriggerMessage, SendLocalList, UpdateFirmware); other fields are not read.</summary>
public sealed record StatusResponse(string Status);
