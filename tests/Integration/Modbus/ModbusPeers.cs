using System.Text.Json;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Integration.Tests.Peers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>Starts the Modbus peers under tests/peers/modbus and builds clients to them.</summary>
internal static class ModbusPeers
{
    public static async Task<(NodePeer Peer, int Port)> StartTcpAsync(string script, int port = 0)
    {
        var peer = await NodePeer.StartAsync(script, port == 0 ? ["tcp"] : ["tcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var ready = JsonDocument.Parse(peer.ReadyInfo);
        return (peer, ready.RootElement.GetProperty("port").GetInt32());
    }

    public static Task<NodePeer> StartRtuAsync(string script, PtyPair line, int baudRate) =>
        NodePeer.StartAsync(script, ["rtu", line.ServerPath, baudRate.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public static ModbusClient TcpClient(int port, TimeSpan timeout, int retries = 0) =>
        new(
            ModbusStreamTransport.Tcp("127.0.0.1", port, TimeProvider.System, NullLogger.Instance),
            new ModbusClientOptions { Timeout = timeout, Retries = retries },
            TimeProvider.System,
            NullLogger.Instance);

    public static ModbusClient RtuClient(PtyPair line, int baudRate, TimeSpan timeout, int retries = 0) =>
        new(
            ModbusStreamTransport.Serial(new SerialConnector(line.ClientPath, baudRate, System.IO.Ports.Parity.None), TimeProvider.System, NullLogger.Instance),
            new ModbusClientOptions { Timeout = timeout, Retries = retries },
            TimeProvider.System,
            NullLogger.Instance);

    /// <summary>Reads holding register <paramref name="address"/> of unit 1 until it answers <paramref name="expected"/> (a peer coming back), or fails at the deadline.</summary>
    public static async Task ReadsAgainAsync(ModbusClient client, ushort address, ushort expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                Assert.Equal(new[] { expected }, await client.ReadHoldingRegistersAsync(1, address, 1, CancellationToken.None));
                return;
            }
            catch (ModbusException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
