using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A meter frozen at an idle reading (a gateway serving zeros from its cache) looks like a site where nothing
/// draws. While chargers behind it report cars drawing, that cannot be: it is frozen, and after the meter timeout
/// the loop falls back (docs/control-loop.md, "Meter staleness"). With no car drawing, an unmoving idle meter is idle.
/// </summary>
public sealed class IdleFrozenMeterTests
{
    [Fact]
    public async Task A_grid_meter_frozen_at_zero_while_chargers_report_cars_drawing_is_unknown_and_the_loop_falls_back()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var busy = new SimulatedSiteOptions { Seed = 9, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, busy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        Assert.False(harness.Loop.Latest!.Grid.Fallback);
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA >= 6);

        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.FrozenAtA = new(0, 0, 0);
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.False(harness.Loop.Latest!.Grid.Fallback, "the meter was taken as unknown before its timeout");

        await harness.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS));
        var status = harness.Loop.Latest!;
        Assert.True(status.Grid.Fallback, "a meter reading 0 A without a change while the cars draw was trusted");
        Assert.Null(status.Grid.CurrentA);
        Assert.All(status.AllocatedA, a => Assert.True(a <= site.Grid.FallbackCurrentA + 1e-9, $"{a} A allocated on a phase while the meter is frozen"));
    }

    [Fact]
    public async Task A_grid_meter_that_reads_zero_without_a_change_while_no_car_draws_is_idle_not_frozen()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var empty = new SimulatedSiteOptions { Seed = 9, InitialOccupancy = 0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3), MeanTimeBetweenArrivals = TimeSpan.FromDays(10) };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, empty, new FairShareStrategy());
        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.FrozenAtA = new(0, 0, 0);
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        var status = harness.Loop.Latest!;
        Assert.False(status.Grid.Fallback, "an idle site's unmoving meter was taken as frozen");
        Assert.Equal([0.0, 0.0, 0.0], Assert.IsType<double[]>(status.Grid.CurrentA));
    }
}
