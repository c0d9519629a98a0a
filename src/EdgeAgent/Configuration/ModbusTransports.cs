namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="ModbusEndpointSettings.Transport"/>.</summary>
public static class ModbusTransports
{
    public const string Tcp = "tcp";
    public const string Rtu = "rtu";
    public const string RtuOverTcp = "rtu-over-tcp";

    public static IReadOnlyList<string> All { get; } = [Tcp, Rtu, RtuOverTcp];
}
