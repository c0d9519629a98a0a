using System.Net;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>
/// Connected after a clean read; degraded after a read that needed retries, lost some register blocks,
/// or was slow; lost after three reads in a row without an answer; connected again when it answers.
/// </summary>
public sealed class HealthStatesTest
{
    private static readonly DeviceTemplate Sdm630 = BuiltInTemplates.Catalog.Get("eastron-sdm630");

    private static MeterReading Reading(double l1) =>
        new(DateTimeOffset.UnixEpoch, new PhaseValues(l1, 2, 3), new PhaseValues(230, 230, 230), new PhaseValues(l1 * 230, 460, 690), 0, 1000);

    [Fact]
    public async Task A_read_that_needed_a_retry_is_degraded_with_the_reason_and_a_clean_one_is_connected_again()
    {
        var unit = new MisbehavingUnit(Device(), new FakeTimeProvider()) { BusyAnswers = 1 };
        await using var rig = Rig.Start(unit);

        var reading = await rig.Meter.ReadAsync(CancellationToken.None);

        Assert.Equal(10, reading.CurrentA.L1, 3);
        Assert.Equal(DeviceConnection.Degraded, rig.Meter.Health.Connection);
        Assert.Contains("answered after 1 retry", rig.Meter.Health.LastError, StringComparison.Ordinal);
        Assert.Contains("busy", rig.Meter.Health.LastError, StringComparison.OrdinalIgnoreCase);

        await rig.Meter.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceConnection.Connected, rig.Meter.Health.Connection);
    }

    [Fact]
    public async Task A_read_where_some_blocks_fail_is_degraded_and_still_gives_the_currents()
    {
        var plan = RegisterReadPlan.ForAll(Sdm630);
        var energyBlock = plan.Blocks.Single(b => b.Address <= 72 && 72 < b.Address + b.Count);
        var unit = new MisbehavingUnit(Device(), new FakeTimeProvider()) { RefusedAddress = energyBlock.Address };
        await using var rig = Rig.Start(unit);

        var reading = await rig.Meter.ReadAsync(CancellationToken.None);

        Assert.Equal(10, reading.CurrentA.L1, 3);
        Assert.Equal(0, reading.ImportEnergyWh);
        Assert.Equal(DeviceConnection.Degraded, rig.Meter.Health.Connection);
        Assert.Contains($"1 of {plan.Blocks.Count} register blocks failed", rig.Meter.Health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meter_whose_current_block_fails_gives_no_reading_but_is_degraded_not_lost_while_it_answers()
    {
        var unit = new MisbehavingUnit(Device(), new FakeTimeProvider()) { RefusedAddress = RegisterReadPlan.ForAll(Sdm630).Blocks[0].Address };
        await using var rig = Rig.Start(unit);

        for (var i = 0; i < 5; i++)
        {
            var ex = await Assert.ThrowsAsync<DeviceException>(() => rig.Meter.ReadAsync(CancellationToken.None));
            Assert.Contains("answered only in part", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(DeviceConnection.Degraded, rig.Meter.Health.Connection);
    }

    [Fact]
    public async Task A_read_slower_than_the_poll_period_is_degraded()
    {
        var time = new FakeTimeProvider();
        var unit = new MisbehavingUnit(Device(), time) { DelayPerRequest = TimeSpan.FromMilliseconds(300) };
        await using var rig = Rig.Start(unit, time);

        await rig.Meter.ReadAsync(CancellationToken.None);

        Assert.Equal(DeviceConnection.Degraded, rig.Meter.Health.Connection);
        Assert.StartsWith("slow: a read took 900 ms (more than 500 ms)", rig.Meter.Health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meter_whose_server_goes_away_is_lost_after_three_polls_and_connected_when_it_is_back()
    {
        var device = Device();
        await using var rig = Rig.Start(device);
        await rig.Meter.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceConnection.Connected, rig.Meter.Health.Connection);
        var port = rig.Server.Port;

        await rig.Server.StopAsync();
        await Assert.ThrowsAsync<DeviceException>(() => rig.Meter.ReadAsync(CancellationToken.None));
        Assert.Equal(DeviceConnection.Degraded, rig.Meter.Health.Connection);
        for (var i = 0; i < 2; i++)
        {
            rig.Time.Advance(TimeSpan.FromMinutes(1));
            await Assert.ThrowsAsync<DeviceException>(() => rig.Meter.ReadAsync(CancellationToken.None));
        }

        var lost = rig.Meter.Health;
        Assert.Equal(DeviceConnection.Lost, lost.Connection);
        Assert.NotNull(lost.LastError);
        Assert.Equal(rig.Time.GetUtcNow(), lost.LastErrorAt);

        await using var restarted = new ModbusTcpServer(NullLogger.Instance, IPAddress.Loopback, port);
        device.Update(Reading(11));
        restarted.AddUnit(1, device);
        restarted.Start();
        rig.Time.Advance(TimeSpan.FromMinutes(1));

        // The client waits out its reconnect backoff (real time) before it tries the new server.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await rig.Meter.ReadAsync(CancellationToken.None);
                break;
            }
            catch (DeviceException) when (DateTime.UtcNow < deadline)
            {
                Assert.Equal(DeviceConnection.Lost, rig.Meter.Health.Connection);
                await Task.Delay(50);
            }
        }

        // The first answer may have needed a retry while the link came back (degraded); the next is clean.
        Assert.NotEqual(DeviceConnection.Lost, rig.Meter.Health.Connection);
        await rig.Meter.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceConnection.Connected, rig.Meter.Health.Connection);
        Assert.NotNull(rig.Meter.Health.LastError);
    }

    private static SimulatedModbusMeter Device()
    {
        var device = new SimulatedModbusMeter(Sdm630);
        device.Update(Reading(10));
        return device;
    }

    /// <summary>A meter on a client with retries, against an in-process server, on a fake clock.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private Rig(ModbusTcpServer server, FakeTimeProvider time)
        {
            Server = server;
            Time = time;
            Client = new ModbusClient(
                ModbusStreamTransport.Tcp("127.0.0.1", server.Port, TimeProvider.System, NullLogger.Instance),
                new ModbusClientOptions { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(5) },
                TimeProvider.System,
                NullLogger.Instance);
            Meter = new ModbusMeter("grid", Sdm630, Client, 1, time, NullLogger.Instance);
        }

        public ModbusTcpServer Server { get; }

        public FakeTimeProvider Time { get; }

        public ModbusClient Client { get; }

        public ModbusMeter Meter { get; }

        public static Rig Start(IModbusServerUnit unit, FakeTimeProvider? time = null)
        {
            var server = new ModbusTcpServer(NullLogger.Instance, IPAddress.Loopback);
            server.AddUnit(1, unit);
            server.Start();
            return new Rig(server, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
        }

        public async ValueTask DisposeAsync()
        {
            await Meter.DisposeAsync();
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    /// <summary>Answers busy a few times, refuses one block's address, or takes (fake) time per request.</summary>
    private sealed class MisbehavingUnit(IModbusServerUnit inner, FakeTimeProvider time) : IModbusServerUnit
    {
        public int BusyAnswers { get; set; }

        public int? RefusedAddress { get; init; }

        public TimeSpan DelayPerRequest { get; init; }

        public ModbusResponse Handle(ModbusRequest request)
        {
            time.Advance(DelayPerRequest);
            if (BusyAnswers-- > 0)
            {
                throw new ModbusExceptionResponseException(request.Function, ModbusExceptionCode.ServerDeviceBusy);
            }

            return request.Address == RefusedAddress
                ? throw new ModbusExceptionResponseException(request.Function, ModbusExceptionCode.IllegalDataAddress)
                : inner.Handle(request);
        }
    }
}
