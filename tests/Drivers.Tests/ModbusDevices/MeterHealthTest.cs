using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class MeterHealthTest
{
    private static MeterReading Reading(double l1) =>
        new(DateTimeOffset.UnixEpoch, new PhaseValues(l1, 2, 3), new PhaseValues(230, 230, 230), new PhaseValues(l1 * 230, 460, 690), 0, 1000);

    [Fact]
    public async Task Registers_that_stop_changing_while_current_flows_are_frozen_and_refused()
    {
        var template = BuiltInTemplates.Catalog.Get("eastron-sdm630");
        var device = new SimulatedModbusMeter(template);
        device.Update(Reading(10));
        await using var site = SimulatedSite.Start((1, device));
        await using var meter = new ModbusMeter("grid", template, site.Client, 1, site.Time, NullLogger.Instance);

        await meter.ReadAsync(CancellationToken.None);
        site.Time.Advance(TimeSpan.FromSeconds(9));
        await meter.ReadAsync(CancellationToken.None);
        site.Time.Advance(TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));

        Assert.Contains("frozen since", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceConnection.Degraded, meter.Health.Connection);

        device.Update(Reading(10.1));
        await meter.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceConnection.Connected, meter.Health.Connection);
    }

    [Fact]
    public async Task A_meter_that_stops_answering_is_degraded_then_lost_with_the_last_error()
    {
        var template = BuiltInTemplates.Catalog.Get("eastron-sdm630");
        var device = new SimulatedModbusMeter(template);
        await using var site = SimulatedSite.Start((1, device));
        await using var meter = new ModbusMeter("grid", template, site.Client, 1, site.Time, NullLogger.Instance);
        await meter.ReadAsync(CancellationToken.None);

        await site.Server.StopAsync();
        await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));
        Assert.Equal(DeviceConnection.Degraded, meter.Health.Connection);
        await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));

        Assert.Equal(DeviceConnection.Lost, meter.Health.Connection);
        Assert.NotNull(meter.Health.LastError);
        Assert.Equal(site.Time.GetUtcNow(), meter.Health.LastErrorAt);
    }

    [Fact]
    public async Task A_unit_id_the_gateway_does_not_serve_is_a_gateway_error_not_a_reading()
    {
        var template = BuiltInTemplates.Catalog.Get("eastron-sdm630");
        await using var site = SimulatedSite.Start((1, new SimulatedModbusMeter(template)));
        await using var meter = new ModbusMeter("grid", template, site.Client, 9, site.Time, NullLogger.Instance);

        var ex = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));

        Assert.Contains("gateway path unavailable", ex.Message, StringComparison.Ordinal);
    }
}
