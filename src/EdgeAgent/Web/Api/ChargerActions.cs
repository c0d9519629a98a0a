namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The names of the charger actions, as they appear in the URL.</summary>
public static class ChargerActions
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Availability = "availability";
    public const string Reset = "reset";
    public const string Unlock = "unlock";

    /// <summary>What an OCPP charger can be asked to do; a Modbus charger takes only the controller's current limit.</summary>
    public static IReadOnlyList<string> Ocpp { get; } = [Start, Stop, Availability, Reset, Unlock];
}
