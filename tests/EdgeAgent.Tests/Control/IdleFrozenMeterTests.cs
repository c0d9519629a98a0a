using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A meter frozen at an idle reading (a gateway serving zeros from its cache) looks like a site where nothing
/// draws. While chargers behind it report cars drawing, that cannot be: it is frozen, and after the meter timeout
/// the loop falls back (docs/control-loop.md, "Meter staleness"). With no car drawing, an unmoving idle meter is idle.
/// A circuit's own meter is judged by the same rule, from the chargers on that circuit (docs/control-loop.md, "Circuit meters").
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

    [Theory]
    [InlineData(10.0, 5.0, true)]
    [InlineData(10.0, 2.0, false)]
    [InlineData(0.0, 5.0, false)]
    public void A_circuit_meter_frozen_at_zero_while_a_charger_on_its_circuit_reports_a_car_drawing_is_unknown_after_the_timeout(double reportedA, double frozenForS, bool unknown)
    {
        // deck-1 has its own meter; it has answered 0 A on every phase, unchanged, for frozenForS seconds (timeout 3 s).
        var now = SimulatedSiteHarness.Start;
        var demo = DemoSiteConfiguration.Create();
        var site = demo with
        {
            Circuits = [.. demo.Circuits.Select(c => c.Id == "deck-1" ? c with { Meter = "deck-1-meter" } : c)],
            Meters = [.. demo.Meters, demo.Meters[0] with { Id = "deck-1-meter" }],
        };
        var model = SiteModel.Build(new AppliedConfiguration(1, site, now, "test"), null);
        var meters = new CircuitMeterWatches();
        var watch = meters.Of("deck-1-meter");
        for (var t = now.AddSeconds(-frozenForS); t <= now; t = t.AddSeconds(0.5))
        {
            watch.Record(new MeterReading(t, PhaseValues.Zero, new PhaseValues(230, 230, 230), PhaseValues.Zero, 0, 1_000));
        }

        // CP001 on deck-1 reported its car drawing reportedA a moment ago.
        var cp001 = model.Connectors[model.IndexOf("CP001", 1)!.Value];
        cp001.Status = new ConnectorStatus(1, reportedA > 0 ? ConnectorState.Charging : ConnectorState.SuspendedByCar, new PhaseValues(reportedA, reportedA, reportedA), 9_000, null, now.AddSeconds(-2));

        var caps = Enumerable.Repeat(double.PositiveInfinity, model.Connectors.Count).ToArray();
        var snapshot = model.Snapshot(now, null, gridStale: true, new SiteConstraints(), caps, new ControlLoopOptions(), meters);
        var deck1 = snapshot.Nodes.Single(n => n.Id == "deck-1");
        Assert.NotNull(deck1.Meter);
        Assert.True(deck1.Meter.IsStale == unknown, unknown
            ? $"deck-1's meter read 0 A unchanged for {frozenForS} s while CP001 reported {reportedA} A, and was trusted"
            : $"deck-1's meter (unchanged {frozenForS} s, CP001 reporting {reportedA} A) was taken as unknown");
    }
}
