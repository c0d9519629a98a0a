using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class ClientRetryTest
{
    [Fact]
    public async Task A_busy_device_is_asked_again_after_the_backoff_and_an_illegal_address_is_not()
    {
        var map = new SimulatedRegisterMap();
        map.Set(RegisterFunction.Holding, 0, [42]);
        var device = new FlakyUnit(map, busyAnswers: 2);
        await using var server = new ModbusTcpServer(NullLogger.Instance);
        server.AddUnit(1, device);
        server.Start();
        await using var client = new ModbusClient(
            ModbusStreamTransport.Tcp("127.0.0.1", server.Port, TimeProvider.System, NullLogger.Instance),
            new ModbusClientOptions { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System,
            NullLogger.Instance);

        Assert.Equal(new ushort[] { 42 }, await client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
        Assert.Equal(3, device.Requests);

        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(1, 7, 1, CancellationToken.None));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal(4, device.Requests);
    }

    [Fact]
    public async Task The_simulated_server_stops_when_its_token_is_cancelled()
    {
        await using var server = new ModbusTcpServer(NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => server.Port != 0, "the server listens");

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        await using var client = ModbusClient.Tcp("127.0.0.1", server.Port, TimeProvider.System, NullLogger.Instance, new ModbusClientOptions { Retries = 0 });
        await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
    }

    /// <summary>Answers "busy" a few times, then passes requests on.</summary>
    private sealed class FlakyUnit(IModbusServerUnit inner, int busyAnswers) : IModbusServerUnit
    {
        private int _busyLeft = busyAnswers;

        public int Requests { get; private set; }

        public ModbusResponse Handle(ModbusRequest request)
        {
            Requests++;
            return _busyLeft-- > 0
                ? throw new ModbusExceptionResponseException(request.Function, ModbusExceptionCode.ServerDeviceBusy)
                : inner.Handle(request);
        }
    }
}
