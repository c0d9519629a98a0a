using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.EdgeAgent.Tests.Web;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Demo;

/// <summary>
/// The demo's status line tells the start, before the grid meter's first reading (the start-up hold), apart from a
/// meter that was read and then went silent (the fallback): "unknown" at start read as a fault that was not there.
/// </summary>
public sealed class DemoReporterTests
{
    [Fact]
    public async Task The_first_line_says_the_grid_meter_is_not_read_yet_and_a_meter_gone_silent_later_is_unknown()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var options = new SimulatedSiteOptions { Seed = 5, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, options, new FairShareStrategy());
        var logger = new CapturingLogger<DemoReporter>();
        var reporter = new DemoReporter(harness.Loop, logger);
        await reporter.StartAsync(CancellationToken.None);
        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];

        meter.Online = false; // the first cycles run before the meter's first answer
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        var first = Assert.Single(logger.Messages);
        Assert.StartsWith("Grid not read yet (start-up hold", first, StringComparison.Ordinal);
        Assert.Contains("the room not known yet", first, StringComparison.Ordinal);

        meter.Online = true;
        await harness.RunAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("Grid L1", logger.Messages[^1], StringComparison.Ordinal);

        meter.Online = false;
        await harness.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS + DemoReporter.Interval.TotalSeconds + 1));
        var silent = logger.Messages[^1];
        Assert.StartsWith("Grid unknown (fallback)", silent, StringComparison.Ordinal);
        Assert.Contains("the room unknown (fallback)", silent, StringComparison.Ordinal);
        await reporter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_read_meter_with_no_room_left_for_the_cars_says_no_room_not_fallback()
    {
        // The building alone takes more than the loop aims at (80 A less the 4 A margin) on every phase.
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var busyBuilding = new Drivers.Devices.PhaseValues(82, 82, 82); // its noise is at most 3 A
        var options = new SimulatedSiteOptions { Seed = 5, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3), BaseLoadNightA = busyBuilding, BaseLoadDayA = busyBuilding };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, options, new FairShareStrategy());
        var logger = new CapturingLogger<DemoReporter>();
        var reporter = new DemoReporter(harness.Loop, logger);
        await reporter.StartAsync(CancellationToken.None);

        await harness.RunAsync(TimeSpan.FromSeconds(20));

        var last = logger.Messages[^1];
        var grid = harness.Loop.Latest!.Grid;
        Assert.False(grid.Fallback);
        Assert.Equal(76, grid.TargetA);
        Assert.NotNull(grid.CircuitRoomA); // every demo charger hangs on a circuit
        Assert.StartsWith("Grid L1", last, StringComparison.Ordinal);
        Assert.Contains("using no room", last, StringComparison.Ordinal);
        await reporter.StopAsync(CancellationToken.None);
    }
}
