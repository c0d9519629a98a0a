using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Every meter is read at the grid meter's poll, a circuit's too, whatever <c>pollIntervalS</c> it has of its own
/// (docs/control-loop.md, "Circuit meters"). The one silent threshold raises wait by — two of the grid meter's polls,
/// <see cref="BalancerSettings.RaiseReadingMaxAge"/> — fits every metered circuit only because of that: read at a
/// slower period of its own, a circuit meter would pass for silent between its reads and hold the site's raises.
/// </summary>
public sealed class CircuitMeterPollTests
{
    [Fact]
    public async Task A_circuit_meter_with_a_slower_poll_of_its_own_is_read_at_every_grid_poll_and_never_passes_for_silent()
    {
        // The grid meter is read every 0.5 s; deck-1's meter says 2 s.
        var gridPoll = TimeSpan.FromSeconds(0.5);
        var demo = DemoSiteConfiguration.Create();
        var site = SimulatedSiteHarness.AllSimulated(demo with
        {
            Circuits = [.. demo.Circuits.Select(c => c.Id == "deck-1" ? c with { Meter = "deck-1-meter" } : c)],
            Meters = [demo.Meters[0] with { PollIntervalS = gridPoll.TotalSeconds }, demo.Meters[0] with { Id = "deck-1-meter", PollIntervalS = 2 }],
        });
        var empty = new SimulatedSiteOptions { Seed = 9, InitialOccupancy = 0, MeanTimeBetweenArrivals = TimeSpan.FromDays(10) };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, empty, new FairShareStrategy());

        // The feed's rhythm: a poll every grid period, a cycle on each new reading.
        for (var poll = 0; poll < 12; poll++)
        {
            harness.Time.Advance(gridPoll);
            await harness.Loop.PollGridMeterAsync(CancellationToken.None);
            await harness.Loop.RunCycleAsync(CancellationToken.None);

            var snapshot = harness.Loop.LastSnapshot!;
            Assert.Equal(2 * gridPoll, snapshot.Settings.RaiseReadingMaxAge);
            var deck1 = snapshot.Nodes.Single(n => n.Id == "deck-1").Meter;
            Assert.NotNull(deck1);
            Assert.False(deck1.IsStale);
            Assert.True(
                snapshot.Time - deck1.Timestamp < gridPoll,
                $"deck-1's meter was read {(snapshot.Time - deck1.Timestamp).TotalSeconds} s before the cycle at poll {poll}: not at the grid meter's poll, so the grid's silent threshold does not fit it");
        }
    }
}
