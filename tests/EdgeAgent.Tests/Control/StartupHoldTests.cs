using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class StartupHoldTests
{
    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 5, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    [Fact]
    public async Task Until_the_first_valid_grid_reading_every_charger_is_held_at_its_failsafe_current_and_a_later_dropout_is_only_the_fallback()
    {
        // A fallback current large enough that the fallback alone would give the cars far more than their failsafe.
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var site = demo with { Grid = demo.Grid with { FallbackCurrentA = 70 } };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy());
        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.Online = false; // the daemon starts while the grid meter is not answering

        await harness.RunAsync(TimeSpan.FromSeconds(15));
        var held = harness.Loop.Latest!;
        Assert.True(held.StartupHold);
        var connectors = held.Chargers.SelectMany(c => c.Connectors).ToList();
        Assert.All(connectors, c => Assert.True(c.LimitA <= 6, $"{c.LimitA} A during the start-up hold; the failsafe is 6 A"));
        var charging = connectors.Where(c => c.State == "charging").ToList();
        Assert.NotEmpty(charging);
        Assert.All(charging, c => Assert.Equal(6, c.LimitA));
        Assert.All(charging, c => Assert.Equal("startupHold", c.Reason));

        meter.Online = true;
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        Assert.False(harness.Loop.Latest!.StartupHold);
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 6);

        // Once the meter has been read, losing it is the fallback: the chargers share 70 A, no hold.
        meter.Online = false;
        await harness.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS + 5));
        var fallback = harness.Loop.Latest!;
        Assert.True(fallback.Grid.Fallback);
        Assert.False(fallback.StartupHold);
        Assert.Contains(fallback.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 6);
    }

    [Fact]
    public async Task A_grid_meter_that_answers_within_its_timeout_at_start_raises_no_fallback_but_one_that_never_answers_does()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using (var quiet = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy()))
        {
            // The first cycles run before the meter's first answer (as a Modbus meter's first read at start).
            var meter = (SimulatedGridMeter)quiet.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
            meter.Online = false;
            await quiet.RunAsync(TimeSpan.FromSeconds(1));
            meter.Online = true;
            await quiet.RunAsync(TimeSpan.FromSeconds(10));
            Assert.False(quiet.Loop.Latest!.StartupHold);
            var codes = (await quiet.Store.Events.ListAsync(100, 0, CancellationToken.None)).Select(e => e.Code);
            Assert.DoesNotContain("grid.fallback.started", codes);
        }

        await using var silent = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy());
        ((SimulatedGridMeter)silent.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId]).Online = false;
        await silent.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS + 2));
        var raised = (await silent.Store.Events.ListAsync(100, 0, CancellationToken.None)).Select(e => e.Code);
        Assert.Contains("grid.fallback.started", raised);
    }
}
