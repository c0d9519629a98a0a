namespace ChargeNet.EdgeAgent.Operations;

/// <summary>The names of the operations on one charger, as the REST URLs have them (docs/api.md).</summary>
public static class ChargerActions
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Availability = "availability";
    public const string Reset = "reset";
    public const string Unlock = "unlock";
    public const string Trigger = "trigger";
    public const string ClearCache = "clear-cache";
    public const string Firmware = "firmware";
    public const string Diagnostics = "diagnostics";
    public const string TransactionStatus = "transaction-status";
    public const string Report = "report";

    /// <summary>What an OCPP charger can be asked to do; a Modbus charger takes only the controller's current limit.</summary>
    public static IReadOnlyList<string> Ocpp { get; } = [Start, Stop, Availability, Reset, Unlock, Trigger, ClearCache];

    /// <summary>The name in a sentence ("answered Reset with Rejected").</summary>
    public static string Title(string action) => action switch
    {
        Start => "Start",
        Stop => "Stop",
        Availability => "ChangeAvailability",
        Reset => "Reset",
        Unlock => "Unlock",
        Trigger => "TriggerMessage",
        ClearCache => "ClearCache",
        Firmware => "UpdateFirmware",
        Diagnostics => "the log upload request",
        TransactionStatus => "GetTransactionStatus",
        Report => "GetReport",
        _ => action,
    };
}
