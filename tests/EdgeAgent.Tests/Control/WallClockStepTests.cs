using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The loop times itself by the wall clock, which an NTP correction may step back: nothing may then wait for the clock to catch
/// up (no charger read for as long as the step), and nothing may pile up meanwhile.
/// </summary>
public sealed class WallClockStepTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_charger_read_is_due_again_at_once_when_the_clock_stepped_back_past_the_last_one()
    {
        var charger = new CountingCharger();
        var devices = new DeviceSet(new Dictionary<string, IMeter>(), new Dictionary<string, ICharger> { [charger.Id] = charger });
        var reads = new ChargerReads(TimeProvider.System, TimeSpan.FromSeconds(5));
        var interval = TimeSpan.FromSeconds(1);

        reads.Start(devices, T0.AddHours(1), interval, CancellationToken.None);
        Assert.Single(reads.Latest()); // a charger that answers at once is read within Start
        reads.Start(devices, T0.AddHours(1).AddMilliseconds(500), interval, CancellationToken.None);
        Assert.Equal(1, charger.Reads); // within its interval: not due

        reads.Start(devices, T0, interval, CancellationToken.None); // the clock stepped back an hour
        Assert.Equal(2, charger.Reads);
    }

    [Fact]
    public void Latencies_taken_before_the_clock_stepped_back_leave_the_window()
    {
        var window = new LatencyWindow();
        for (var i = 0; i < 20; i++)
        {
            window.Add(T0.AddHours(1).AddMilliseconds(500 * i), 10);
        }

        window.Add(T0, 3);
        var summary = window.Summarize(T0.AddMilliseconds(1), TimeSpan.FromSeconds(10))!;
        Assert.Equal((1, 3.0), (summary.Count, summary.MaxMs));
    }

    [Fact]
    public void A_meter_reading_from_before_a_step_back_longer_than_the_timeout_is_of_unknown_age()
    {
        // Judged fresh, a meter that fell silent right after the step would be for as long as the step: an hour without fallback.
        var timeout = TimeSpan.FromSeconds(3);
        var watch = new MeterWatch();
        watch.Record(Reading(T0.AddHours(1), 40));
        Assert.True(watch.IsStale(T0, timeout));

        // A reading a moment ahead (recorded while the cycle ran) is fresh.
        watch.Record(Reading(T0.AddMilliseconds(200), 40));
        Assert.False(watch.IsStale(T0, timeout));
    }

    [Fact]
    public void Values_that_stand_still_after_a_step_back_are_frozen_after_the_timeout_not_after_the_step()
    {
        var rule = FrozenMeterRule.Start.Observe(Reading(T0.AddHours(1), 40)).Observe(Reading(T0.AddHours(1).AddSeconds(0.5), 41));
        for (var s = 0.0; s <= 11; s += 0.5)
        {
            rule = rule.Observe(Reading(T0.AddSeconds(s), 42)); // the clock stepped back an hour; the meter is stuck at 42 A
        }

        Assert.Equal(T0, rule.FrozenSince(T0.AddSeconds(11), TimeSpan.FromSeconds(10)));
    }

    private static MeterReading Reading(DateTimeOffset at, double currentA) =>
        new(at, new PhaseValues(currentA, currentA, currentA), new PhaseValues(230, 230, 230), new PhaseValues(currentA * 230, currentA * 230, currentA * 230), currentA * 690, 1000);

    private sealed class CountingCharger : ICharger
    {
        private int _reads;

        public string Id => "CP1";

        public int Reads => Volatile.Read(ref _reads);

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(new ChargerStatus(Id, true, [], T0));
        }

        public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
            Task.FromResult(SetpointResult.Accepted);
    }
}
