using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class ManualLimitLoopTests
{
    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 9, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    [Fact]
    public async Task A_manual_limit_caps_one_connector_in_the_next_cycle_shows_in_the_status_and_lapses_at_its_expiry()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var (chargerId, before) = harness.Loop.Latest!.Chargers
            .SelectMany(c => c.Connectors.Select(k => (c.Id, k)))
            .Where(p => p.k.State == "charging")
            .MaxBy(p => p.k.LimitA);
        Assert.True(before.LimitA > 8, $"the busiest connector has only {before.LimitA} A");

        var expires = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(20);
        harness.ManualLimits.Set(new ManualLimit(chargerId, null, 8, harness.Time.GetUtcNow(), "test", expires));
        await harness.RunAsync(TimeSpan.FromSeconds(1));

        var capped = harness.Loop.Latest!;
        var connector = capped.Chargers.Single(c => c.Id == chargerId).Connectors.Single(c => c.Id == before.Id);
        Assert.Equal(8, connector.LimitA);
        Assert.Equal(8, connector.ManualLimitA);
        Assert.Equal("manualLimit", connector.Reason);
        Assert.Contains(capped.ManualLimits, l => l.ChargerId == chargerId && l.MaxCurrentA == 8);
        var limitA = site.Grid.MaxCurrentA;
        Assert.All(capped.AllocatedA, a => Assert.True(a <= limitA, $"{a} A allocated"));

        // A cap of 0 pauses it.
        harness.ManualLimits.Set(new ManualLimit(chargerId, before.Id, 0, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(0, harness.Loop.Latest!.Chargers.Single(c => c.Id == chargerId).Connectors.Single(c => c.Id == before.Id).LimitA);
        Assert.NotNull(harness.ManualLimits.Clear(chargerId, before.Id));

        // The charger-wide cap lapses by itself, with an event.
        await harness.RunAsync(TimeSpan.FromSeconds(25));
        Assert.Empty(harness.ManualLimits.All);
        Assert.True(harness.Loop.Latest!.Chargers.Single(c => c.Id == chargerId).Connectors.Single(c => c.Id == before.Id).LimitA > 8);
        var codes = (await harness.Store.Events.ListAsync(200, 0, CancellationToken.None)).Select(e => e.Code);
        Assert.Contains("charger.manual-limit.expired", codes);
    }
}
