using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>An in-process Modbus TCP server on a loopback port and a client to it, on a fake clock.</summary>
internal sealed class SimulatedSite : IAsyncDisposable
{
    private SimulatedSite(ModbusTcpServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Client = new ModbusClient(
            ModbusStreamTransport.Tcp("127.0.0.1", server.Port, time, NullLogger.Instance),
            new ModbusClientOptions { Retries = 0 },
            time,
            NullLogger.Instance);
    }

    public ModbusTcpServer Server { get; }

    public FakeTimeProvider Time { get; }

    public ModbusClient Client { get; }

    public static SimulatedSite Start(params (byte UnitId, IModbusServerUnit Unit)[] units)
    {
        var server = new ModbusTcpServer(NullLogger.Instance);
        foreach (var (unitId, unit) in units)
        {
            server.AddUnit(unitId, unit);
        }

        server.Start();
        return new SimulatedSite(server, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
