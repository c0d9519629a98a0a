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

    /// <summary>What an OCPP charger can be asked to do.</summary>
    public static IReadOnlyList<string> Ocpp { get; } = [Start, Stop, Availability, Reset, Unlock, Trigger, ClearCache];

    /// <summary>
    /// What a Modbus or simulated charger takes beside the current limit: a start, which only puts a budget on
    /// the connector (it charges whoever plugs in; docs/pricing.md, "Budgets").
    /// </summary>
    public static IReadOnlyList<string> Budget { get; } = [Start];

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
