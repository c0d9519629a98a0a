using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Peak;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Tests.Peak;

/// <summary>
/// The real control loop on the demo's simulated site with a power tariff (docs/load-balancing.md,
/// "The peak target in the daemon"): the month's paid level holds the site's power, cars held by it
/// say so, the fuse still holds, and the status carries the month's figures.
/// </summary>
public sealed class PeakTargetLoopTests
{
    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 7, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    [Fact]
    public async Task The_loop_holds_the_site_at_the_months_paid_level_and_shows_it_in_the_status()
    {
        var tariff = PeakSiteFixture.HighestHour(assumedEnergyKwh: 1);
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var site = demo with { Grid = demo.Grid with { PowerTariff = tariff } };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy(), sitePowerTarget: (configuration, store, events, time) =>
            new SitePeakTarget(configuration, store, new SpotPrices(store.SpotPrices, time), events, Options.Create(new ControlLoopOptions()), NullLogger<SitePeakTarget>.Instance));

        // Earlier this month the site drew 35 kW in one hour: that much is paid for.
        var now = harness.Time.GetUtcNow();
        var window = tariff.ToTariff().WindowStart(now) - TimeSpan.FromHours(1);
        await harness.Store.Peak.SaveAsync(
            new PeakRecord(PeakMonth.KeyOf(tariff), now - TimeSpan.FromMinutes(61), 0, Month([35_000]), Month([50_000]), 0),
            CancellationToken.None);

        PeakTrackerState Month(double[] highestW) => new(window, 0, 2026, 6, highestW, new Dictionary<DateOnly, double>());

        var overFuse = 0.0;
        var lastMinuteKw = new List<double>();
        var duration = TimeSpan.FromMinutes(4);
        var started = harness.Time.GetUtcNow();
        await harness.RunAsync(duration, h =>
        {
            if (h.Loop.Latest?.Grid.CurrentA is { } gridA)
            {
                overFuse = Math.Max(overFuse, gridA.Max() - site.Grid.MaxCurrentA);
                if (h.Time.GetUtcNow() - started > duration - TimeSpan.FromMinutes(1))
                {
                    lastMinuteKw.Add(gridA.Sum() * site.Grid.VoltageV / 1000);
                }
            }
        });

        var status = harness.Loop.Latest!;
        var peak = status.Peak!;
        Assert.Equal(35, peak.PaidKw!.Value, 3);
        Assert.True(peak.TargetKw >= 35, $"target {peak.TargetKw} kW below the paid 35 kW");
        // The paid level is used (the cars are not starved) and not exceeded, though the fuse would allow ~50 kW.
        Assert.InRange(lastMinuteKw.Average(), peak.CapKw!.Value - 3, peak.CapKw!.Value + 1);
        Assert.Contains(status.Chargers.SelectMany(c => c.Connectors), c => c.State == "suspendedByController" || c.LimitA < 16);
        // The cars held say it is the peak target that holds them: the fuse would allow ~50 kW, so no
        // car is paused for capacity or given a mere share of it (the peak target used to show so).
        var connectors = status.Chargers.SelectMany(c => c.Connectors).ToList();
        Assert.Contains(connectors, c => c.Reason == "peakTarget" && c.LimitA == 0);
        Assert.All(connectors, c => Assert.DoesNotContain(c.Reason, new[] { "pausedForCapacity", "shareOfCapacity" }));
        Assert.All(connectors.Where(c => c.LimitA == 0), c => Assert.Contains(c.Reason, new[] { "peakTarget", "waitingForRoom" }));
        Assert.True(overFuse <= 0, $"the grid was {overFuse:0.0} A over its fuse");
        // Uncontrolled, the month would have billed 50 kW: 15 kW × 100 SEK/kW saved.
        Assert.True(peak.UncontrolledPeakKw >= 50);
        Assert.Equal((peak.UncontrolledPeakKw - 35) * 100, peak.Saving, 2);
        Assert.Equal("SEK", peak.Currency);
    }
}
