using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>Failsafe settings on connect, and the heartbeat and life-bit keep-alives.</summary>
public sealed class ChargerFailsafeTest
{
    private static readonly ModbusChargerSettings Settings = new() { FailsafeCurrentA = 8, CommunicationTimeoutS = 30 };

    [Fact]
    public async Task The_failsafe_current_and_timeout_are_written_before_the_first_read_and_again_after_the_device_was_lost()
    {
        var template = BuiltInTemplates.Catalog.Get("vestel-evc04");
        var outlet = new TestOutlet();
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, outlet, site.Time);
        var recorder = new RecordingUnit(device);
        site.Server.AddUnit(255, recorder);
        await using var charger = new ModbusCharger("v1", template, site.Client, 255, site.Time, NullLogger.Instance, Settings);

        await charger.ReadStatusAsync(CancellationToken.None);
        await charger.ReadStatusAsync(CancellationToken.None);

        // FC06 to 2000 (07D0h) = 8 A and to 2002 (07D2h) = 30 s, once.
        Assert.Equal(["06 07 D0 00 08", "06 07 D2 00 1E"], recorder.Writes.Select(Hex));

        // Three failed exchanges make the charger lost; when it answers again it is configured again.
        await site.Server.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DeviceException>(() => charger.ReadStatusAsync(CancellationToken.None));
        }

        Assert.Equal(DeviceConnection.Lost, charger.Health.Connection);
        await using var restarted = new ModbusTcpServer(NullLogger.Instance, port: site.Server.Port);
        restarted.AddUnit(255, recorder);
        restarted.Start();
        site.Time.Advance(TimeSpan.FromMinutes(1)); // past the reconnect backoff
        await charger.ReadStatusAsync(CancellationToken.None);

        // (the heartbeat timer may also have written 6000 in between)
        Assert.Equal(2, recorder.Writes.Select(Hex).Count(w => w == "06 07 D0 00 08"));
        Assert.Equal(2, recorder.Writes.Select(Hex).Count(w => w == "06 07 D2 00 1E"));
        Assert.Equal(DeviceConnection.Connected, charger.Health.Connection);
    }

    [Fact]
    public async Task A_heartbeat_keeps_the_device_out_of_failsafe_and_its_absence_puts_it_there()
    {
        var template = BuiltInTemplates.Catalog.Get("vestel-evc04");
        var outlet = new TestOutlet { State = ConnectorState.Charging };
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, outlet, site.Time);
        var recorder = new RecordingUnit(device);
        site.Server.AddUnit(255, recorder);
        var charger = new ModbusCharger("v1", template, site.Client, 255, site.Time, NullLogger.Instance, Settings);

        Assert.Equal(SetpointResult.Accepted, await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None));
        for (var round = 0; round < 12; round++)
        {
            await AdvanceUntilWrittenAsync(site, recorder);
        }

        // 60 s later, well past the 30 s timeout, the heartbeat (FC06 6000 = 1) kept the limit in force.
        Assert.Equal("06 17 70 00 01", Hex(recorder.Writes[^1]));
        Assert.Equal(16, outlet.OfferedA);
        Assert.False(device.InFailsafe);

        await charger.DisposeAsync();
        site.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(device.InFailsafe);
        Assert.Equal(8, outlet.OfferedA);
    }

    [Fact]
    public async Task A_life_bit_is_toggled_each_period()
    {
        var template = BuiltInTemplates.Catalog.Get("generic-charger");
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, new TestOutlet(), site.Time);
        var recorder = new RecordingUnit(device);
        site.Server.AddUnit(1, recorder);
        await using var charger = new ModbusCharger("g1", template, site.Client, 1, site.Time, NullLogger.Instance, Settings);
        await charger.ReadStatusAsync(CancellationToken.None);

        for (var round = 0; round < 3; round++)
        {
            var writes = recorder.Writes.Count;
            site.Time.Advance(TimeSpan.FromSeconds(5));
            await Eventually.TrueAsync(() => recorder.Writes.Count > writes, "the life bit was written");
        }

        Assert.Equal(["06 00 0D 00 01", "06 00 0D 00 00", "06 00 0D 00 01"], recorder.Writes.TakeLast(3).Select(Hex));
        Assert.False(device.InFailsafe);
    }

    private static string Hex(byte[] pdu) => string.Join(' ', pdu.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    // A heartbeat interval on the device's clock, then a write awaited; should none come (a tick the clock's step went past before
    // the driver's timer stood: once under load), a second more and again — never more than 10 s of the clock.
    private static async Task AdvanceUntilWrittenAsync(SimulatedSite site, RecordingUnit recorder)
    {
        var writes = recorder.Writes.Count;
        site.Time.Advance(TimeSpan.FromSeconds(5));
        for (var second = 0; second < 5 && !await WrittenAsync(recorder, writes); second++)
        {
            site.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(recorder.Writes.Count > writes, "no heartbeat was written within 10 s of the device's clock");
    }

    private static async Task<bool> WrittenAsync(RecordingUnit recorder, int writes)
    {
        var until = DateTime.UtcNow.AddSeconds(2);
        while (recorder.Writes.Count == writes && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        return recorder.Writes.Count > writes;
    }
}
