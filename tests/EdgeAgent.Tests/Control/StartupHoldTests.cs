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
}
