using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>The Alfen rewrite-within-validity keep-alive, on both sides: the driver keeps it up, the device falls back without it.</summary>
public sealed class ChargerKeepAliveTest
{
    [Fact]
    public async Task The_driver_rewrites_the_limit_within_its_validity_and_the_device_falls_back_once_it_stops()
    {
        var template = BuiltInTemplates.Catalog.Get("alfen-ng9xx");
        var outlet = new TestOutlet { State = ConnectorState.Charging };
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, outlet, site.Time);
        var recorder = new RecordingUnit(device);
        site.Server.AddUnit(1, recorder);
        var charger = new ModbusCharger("wb-1", template, site.Client, 1, site.Time, NullLogger.Instance);

        // Before any master has spoken, the device runs on its safe current.
        Assert.True(device.InFailsafe);
        Assert.Equal(6, outlet.OfferedA);

        Assert.Equal(SetpointResult.Accepted, await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None));
        Assert.False(device.InFailsafe);
        Assert.Equal(16, outlet.OfferedA);

        // Every 30 s the driver writes the limit again, so 90 s later the device still obeys it.
        for (var round = 1; round <= 3; round++)
        {
            var writes = recorder.Writes.Count;
            site.Time.Advance(TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(() => recorder.Writes.Count > writes, $"keep-alive round {round} was written");
            await RoundOverAsync(charger);
        }

        Assert.False(device.InFailsafe);
        Assert.Equal(16, outlet.OfferedA);

        // The controller goes away: 60 s later the device falls back to its safe current.
        await charger.DisposeAsync();
        site.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(16, outlet.OfferedA);
        site.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(device.InFailsafe);
        Assert.Equal(6, outlet.OfferedA);
    }

    // The device has seen the round's write, but its reply may still be on its way: moved 30 s now, the clock would time
    // the write out — a miss, and after two in a row the unit is backed off and the next round refused unsent (the CI
    // failure "round 3 was written"). The keep-alive holds the charger until the reply is in, so a read gets it only
    // after: once the read is back, nothing is in flight.
    private static async Task RoundOverAsync(ModbusCharger charger)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await charger.ReadStatusAsync(deadline.Token);
    }

    [Fact]
    public async Task A_limit_below_the_device_minimum_is_rejected_and_zero_pauses()
    {
        var template = BuiltInTemplates.Catalog.Get("alfen-ng9xx");
        var outlet = new TestOutlet { State = ConnectorState.Charging };
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, outlet, site.Time);
        site.Server.AddUnit(1, device);
        await using var charger = new ModbusCharger("wb-1", template, site.Client, 1, site.Time, NullLogger.Instance);

        var belowMinimum = await charger.SetCurrentLimitAsync(1, 3, CancellationToken.None);
        var pause = await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None);
        var noSuchConnector = await charger.SetCurrentLimitAsync(2, 10, CancellationToken.None);

        Assert.Equal(SetpointOutcome.Rejected, belowMinimum.Outcome);
        Assert.Contains("below the charger's minimum of 6 A", belowMinimum.Detail, StringComparison.Ordinal);
        Assert.Equal(SetpointResult.Accepted, pause);
        Assert.Equal(0, outlet.OfferedA);
        Assert.Equal(SetpointOutcome.Rejected, noSuchConnector.Outcome);
    }

    [Fact]
    public async Task A_limit_above_the_device_maximum_is_written_as_the_maximum()
    {
        var template = BuiltInTemplates.Catalog.Get("alfen-ng9xx");
        var outlet = new TestOutlet();
        await using var site = SimulatedSite.Start();
        using var device = new SimulatedModbusCharger(template, outlet, site.Time);
        site.Server.AddUnit(1, device);
        await using var charger = new ModbusCharger(
            "wb-1", template, site.Client, 1, site.Time, NullLogger.Instance, new ModbusChargerSettings { MaxCurrentA = 20 });

        Assert.Equal(SetpointResult.Accepted, await charger.SetCurrentLimitAsync(1, 63, CancellationToken.None));

        Assert.Equal(20, device.LastWrittenLimitA);
    }
}
