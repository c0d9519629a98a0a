using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.Simulation;

public sealed class SimulatedGridMeterTests
{
    [Fact]
    public async Task The_meter_reads_what_the_grid_carries_with_the_clocks_time()
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(new CarProfile("3-phase 16 A", 3, 16, 60_000), 0.3);
        outlet.OfferedA = 16;
        quiet.Run(TimeSpan.FromSeconds(5));
        var meter = new SimulatedGridMeter("grid", quiet.Site, quiet.Time);

        var reading = await meter.ReadAsync(CancellationToken.None);

        Assert.Equal(quiet.Time.GetUtcNow(), reading.Timestamp);
        Assert.Equal(quiet.Site.GridCurrentA, reading.CurrentA);
        Assert.Equal(new PhaseValues(230, 230, 230), reading.VoltageV);
        Assert.Equal(reading.CurrentA.L2 * 230, reading.PowerW.L2, 9);
        Assert.Equal(reading.CurrentA.Sum * 230, reading.TotalPowerW, 6);
    }

    [Fact]
    public async Task The_energy_counter_integrates_power_over_the_clocks_time()
    {
        var quiet = new QuietSite();
        var meter = new SimulatedGridMeter("grid", quiet.Site, quiet.Time) { FrozenAtA = new PhaseValues(10, 10, 10) };

        var first = await meter.ReadAsync(CancellationToken.None);
        quiet.Time.Advance(TimeSpan.FromHours(1));
        var second = await meter.ReadAsync(CancellationToken.None);

        // 3 phases × 10 A × 230 V for one hour = 6 900 Wh.
        Assert.Equal(6_900, second.ImportEnergyWh - first.ImportEnergyWh, 6);
        Assert.Equal(new PhaseValues(10, 10, 10), second.CurrentA);
    }

    [Fact]
    public async Task An_offline_meter_throws_a_device_exception_that_names_it()
    {
        var quiet = new QuietSite();
        var meter = new SimulatedGridMeter("grid-main", quiet.Site, quiet.Time) { Online = false };

        var error = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));

        Assert.Contains("grid-main", error.Message, StringComparison.Ordinal);
        meter.Online = true;
        await meter.ReadAsync(CancellationToken.None);
    }
}
