namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>The OCPP 2.0.1 action names the edge handles or sends.</summary>
public static class Ocpp201Action
{
    public const string Authorize = "Authorize";
    public const string BootNotification = "BootNotification";
    public const string ChangeAvailability = "ChangeAvailability";
    public const string ClearCache = "ClearCache";
    public const string ClearChargingProfile = "ClearChargingProfile";
    public const string ClearedChargingLimit = "ClearedChargingLimit";
    public const string CostUpdated = "CostUpdated";
    public const string FirmwareStatusNotification = "FirmwareStatusNotification";
    public const string GetBaseReport = "GetBaseReport";
    public const string GetChargingProfiles = "GetChargingProfiles";
    public const string GetCompositeSchedule = "GetCompositeSchedule";
    public const string GetLocalListVersion = "GetLocalListVersion";
    public const string GetLog = "GetLog";
    public const string GetReport = "GetReport";
    public const string GetTransactionStatus = "GetTransactionStatus";
    public const string GetVariables = "GetVariables";
    public const string Heartbeat = "Heartbeat";
    public const string LogStatusNotification = "LogStatusNotification";
    public const string MeterValues = "MeterValues";
    public const string NotifyChargingLimit = "NotifyChargingLimit";
    public const string NotifyEVChargingNeeds = "NotifyEVChargingNeeds";
    public const string NotifyEVChargingSchedule = "NotifyEVChargingSchedule";
    public const string NotifyEvent = "NotifyEvent";
    public const string NotifyReport = "NotifyReport";
    public const string ReportChargingProfiles = "ReportChargingProfiles";
    public const string RequestStartTransaction = "RequestStartTransaction";
    public const string RequestStopTransaction = "RequestStopTransaction";
    public const string Reset = "Reset";
    public const string SecurityEventNotification = "SecurityEventNotification";
    public const string SendLocalList = "SendLocalList";
    public const string SetChargingProfile = "SetChargingProfile";
    public const string SetDisplayMessage = "SetDisplayMessage";
    public const string SetVariables = "SetVariables";
    public const string StatusNotification = "StatusNotification";
    public const string TransactionEvent = "TransactionEvent";
    public const string TriggerMessage = "TriggerMessage";
    public const string UnlockConnector = "UnlockConnector";
    public const string UpdateFirmware = "UpdateFirmware";
}
