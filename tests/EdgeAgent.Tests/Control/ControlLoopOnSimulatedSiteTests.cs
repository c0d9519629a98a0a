using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class ControlLoopOnSimulatedSiteTests
{
    // Every outlet busy and cars arriving quickly: the site wants far more than its grid gives.
    private static readonly SimulatedSiteOptions BusySite = new()
    {
        Seed = 7,
        InitialOccupancy = 1.0,
        MeanTimeBetweenArrivals = TimeSpan.FromMinutes(1),
        MinStay = TimeSpan.FromMinutes(5),
        MaxStay = TimeSpan.FromMinutes(20),
    };

    public static TheoryData<string> Strategies => new() { "fair-share", "equal-share", "first-come-first-served" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Demo_site_stays_under_its_grid_limit_while_cars_charge(string strategyName)
    {
        IAllocationStrategy strategy = strategyName switch
        {
            "fair-share" => new FairShareStrategy(),
            "equal-share" => new EqualShareStrategy(),
            _ => new FirstComeFirstServedStrategy(),
        };
        Assert.Equal(strategyName, strategy.Name);
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, BusySite, strategy);
        var limitA = site.Grid.MaxCurrentA;
        double peakA = 0;
        var secondsAboveTarget = 0.0;
        await harness.RunAsync(TimeSpan.FromMinutes(30), h =>
        {
            var grid = h.Site.GridCurrentA;
            peakA = Math.Max(peakA, grid.Max);
            // The balancer aims at the target; base-load drift between two cycles may pass it by a
            // fraction of an ampere, which is what the margin is for. A full ampere over is not that.
            if (grid.Max > limitA - site.Grid.SafetyMarginA + 1)
            {
                secondsAboveTarget += SimulatedSiteHarness.PhysicsStep.TotalSeconds;
            }
        });

        var delivered = await harness.Store.Sessions.ListAsync(1000, 0, null, CancellationToken.None);
        Assert.True(peakA <= limitA, $"the grid peaked at {peakA:0.0} A, above its {limitA} A fuse");
        // Cars answer a lower pilot within about 2 s, so only arrivals may push past the target, briefly.
        Assert.True(secondsAboveTarget < 30, $"{secondsAboveTarget} s more than 1 A above the target of {limitA - site.Grid.SafetyMarginA} A");
        Assert.True(peakA > 0.6 * limitA, $"the site peaked at only {peakA:0.0} A: the cars were not charging");
        Assert.NotEmpty(delivered);
    }

    [Fact]
    public async Task Silent_grid_meter_sends_the_site_to_its_fallback_and_recovery_is_announced()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, BusySite, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        Assert.False(harness.Loop.Latest!.Grid.Fallback);

        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.Online = false;
        await harness.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS + 2));
        var during = harness.Loop.Latest!;
        Assert.True(during.Grid.Fallback);
        Assert.All(during.AllocatedA, a => Assert.True(a <= site.Grid.FallbackCurrentA + 1e-9, $"{a} A allocated during fallback"));

        meter.Online = true;
        await harness.RunAsync(TimeSpan.FromSeconds(3));
        Assert.False(harness.Loop.Latest!.Grid.Fallback);
        var codes = (await harness.Store.Events.ListAsync(100, 0, CancellationToken.None)).Select(e => e.Code).ToList();
        Assert.Contains("grid.fallback.started", codes);
        Assert.Contains("grid.fallback.ended", codes);
        Assert.True(codes.IndexOf("grid.fallback.ended") < codes.IndexOf("grid.fallback.started"), "newest first: the end comes after the start");
    }

    [Fact]
    public async Task A_new_configuration_applies_live_to_the_next_cycle()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, BusySite, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(site.Grid.MaxCurrentA, harness.Loop.Latest!.Grid.LimitA);

        var smaller = site with { Grid = site.Grid with { MaxCurrentA = 60, FallbackCurrentA = 24 } };
        var result = await harness.Configuration.ApplyAsync(SiteConfigurationReader.Write(smaller), "api", "test", CancellationToken.None);
        Assert.True(result.Accepted);
        await harness.RunAsync(TimeSpan.FromSeconds(2));

        var status = harness.Loop.Latest!;
        Assert.Equal(2, status.Revision);
        Assert.Equal(60, status.Grid.LimitA);
    }
}
