using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
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
    // How long the test waits, in real time, for what the fake clock has made due.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan GridPoll = TimeSpan.FromSeconds(0.5);

    private static readonly SimulatedSiteOptions Empty = new() { Seed = 9, InitialOccupancy = 0, MeanTimeBetweenArrivals = TimeSpan.FromDays(10) };

    [Fact]
    public async Task A_circuit_meter_with_a_slower_poll_of_its_own_is_read_at_every_grid_poll_and_never_passes_for_silent()
    {
        // The grid meter is read every 0.5 s; deck-1's meter says 2 s.
        await using var harness = await SimulatedSiteHarness.StartAsync(WithDeck1Meter(), Empty, new FairShareStrategy());

        // The feed's rhythm: a poll every grid period, a cycle on each new reading.
        for (var poll = 0; poll < 12; poll++)
        {
            harness.Time.Advance(GridPoll);
            await harness.Loop.PollGridMeterAsync(CancellationToken.None);
            await harness.Loop.RunCycleAsync(CancellationToken.None);

            var snapshot = harness.Loop.LastSnapshot!;
            Assert.Equal(2 * GridPoll, snapshot.Settings.RaiseReadingMaxAge);
            var deck1 = snapshot.Nodes.Single(n => n.Id == "deck-1").Meter;
            Assert.NotNull(deck1);
            Assert.False(deck1.IsStale);
            Assert.True(
                snapshot.Time - deck1.Timestamp < GridPoll,
                $"deck-1's meter was read {(snapshot.Time - deck1.Timestamp).TotalSeconds} s before the cycle at poll {poll}: not at the grid meter's poll, so the grid's silent threshold does not fit it");
        }
    }

    [Fact]
    public async Task A_circuit_meter_slow_to_answer_does_not_delay_the_grid_meters_readings_and_is_not_asked_again_while_its_read_is_out()
    {
        // deck-1's meter, on a link of its own, takes 3 s to answer (and pays no heed to the read's deadline).
        LateMeter? late = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(
            WithDeck1Meter(), Empty, new FairShareStrategy(),
            devices: inner => new OneMeterWrapped(inner, "deck-1-meter", meter => late = new LateMeter(meter)));
        try
        {
            await ReadsWhileLateAsync(harness, () => late!);
        }
        finally
        {
            late?.Answer(); // never left waiting, whatever failed
        }
    }

    private static async Task ReadsWhileLateAsync(SimulatedSiteHarness harness, Func<LateMeter> lateMeter)
    {
        var late = lateMeter();
        // Its read is out for 3 s: the grid meter is read at each of its polls all the same, each reading a cycle's.
        for (var poll = 0; poll < 6; poll++)
        {
            harness.Time.Advance(GridPoll);
            Assert.True(await harness.Loop.PollGridMeterAsync(CancellationToken.None).WaitAsync(Deadline), "no grid meter to read");
            var status = await harness.Loop.RunCycleAsync(CancellationToken.None);
            Assert.Equal(harness.Time.GetUtcNow(), status!.Grid.MeasuredAt);
        }

        Assert.Equal(1, late.Reads);

        // It answers: its reading is in the next cycle, and the next poll asks it again.
        late.Answer();
        var answeredAt = harness.Time.GetUtcNow();
        var deadline = DateTime.UtcNow + Deadline;
        while (harness.Loop.LastSnapshot!.Nodes.Single(n => n.Id == "deck-1").Meter?.Timestamp != answeredAt)
        {
            Assert.True(DateTime.UtcNow < deadline, "deck-1's late reading never reached a cycle");
            await Task.Yield();
            await harness.Loop.RunCycleAsync(CancellationToken.None);
        }

        // Its read ends just after its reading is handed on, on the meter's own continuation: a poll in between still
        // finds it out. Polls go on until it is asked again (within the deadline), and once only.
        while (late.Reads < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "deck-1's meter was never asked again after it answered");
            harness.Time.Advance(GridPoll);
            await harness.Loop.PollGridMeterAsync(CancellationToken.None).WaitAsync(Deadline);
            await Task.Yield();
        }

        Assert.Equal(2, late.Reads);
    }

    // The demo site with deck-1 metered; the grid meter read every GridPoll, deck-1's meter saying 2 s of its own.
    private static SiteConfiguration WithDeck1Meter()
    {
        var demo = DemoSiteConfiguration.Create();
        return SimulatedSiteHarness.AllSimulated(demo with
        {
            Circuits = [.. demo.Circuits.Select(c => c.Id == "deck-1" ? c with { Meter = "deck-1-meter" } : c)],
            Meters = [demo.Meters[0] with { PollIntervalS = GridPoll.TotalSeconds }, demo.Meters[0] with { Id = "deck-1-meter", PollIntervalS = 2 }],
        });
    }

    /// <summary>A meter whose reads all wait until <see cref="Answer"/>, whatever their token says.</summary>
    private sealed class LateMeter(IMeter inner) : IMeter
    {
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public string Id => inner.Id;

        public int Reads => Volatile.Read(ref _reads);

        public void Answer() => _answer.TrySetResult();

        public async Task<MeterReading> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await _answer.Task.ConfigureAwait(false);
            return await inner.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed class OneMeterWrapped(IDeviceFactory inner, string meterId, Func<IMeter, IMeter> wrap) : IDeviceFactory
    {
        public bool CanCreate(MeterSettings meter) => inner.CanCreate(meter);

        public bool CanCreate(ChargerSettings charger) => inner.CanCreate(charger);

        public IMeter Create(MeterSettings meter, SiteConfiguration site) =>
            meter.Id == meterId ? wrap(inner.Create(meter, site)) : inner.Create(meter, site);

        public ICharger Create(ChargerSettings charger, SiteConfiguration site) => inner.Create(charger, site);
    }
}
