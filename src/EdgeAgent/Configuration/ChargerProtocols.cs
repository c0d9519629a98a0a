namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="ChargerSettings.Protocol"/>.</summary>
public static class ChargerProtocols
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Modbus = "modbus";
    public const string Simulated = "simulated";

    public static IReadOnlyList<string> All { get; } = [Ocpp16, Modbus, Simulated];
}
