using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Which stale connector is only a missed read (<see cref="MissedRead.Recent"/>, the mark that lets it keep its limit):
/// its read failed while its last good reading is recent — not a charger that says it is offline, not one never read.
/// </summary>
public sealed class MissedReadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_failed_read_with_a_reading_within_the_hold_is_a_missed_read()
    {
        Assert.True(MissedRead.Recent(Runtime(reachable: false, disconnected: false, readAt: T0), T0.AddSeconds(5), Hold));
    }

    [Fact]
    public void A_reading_older_than_the_hold_is_a_lost_charger()
    {
        Assert.False(MissedRead.Recent(Runtime(reachable: false, disconnected: false, readAt: T0), T0.AddSeconds(5.1), Hold));
    }

    [Fact]
    public void A_reading_ahead_of_a_clock_stepped_back_is_no_missed_read()
    {
        // Held through the step, a silent charger kept its limit (and its reading came out of the grid's) for the step and more.
        Assert.False(MissedRead.Recent(Runtime(reachable: false, disconnected: false, readAt: T0), T0.AddSeconds(-30), Hold));
    }

    [Fact]
    public void A_charger_that_says_it_is_offline_is_no_missed_read()
    {
        Assert.False(MissedRead.Recent(Runtime(reachable: false, disconnected: true, readAt: T0), T0.AddSeconds(1), Hold));
    }

    [Fact]
    public void A_charger_never_read_is_no_missed_read()
    {
        var runtime = new ConnectorRuntime("cp", 1, 32) { Reachable = false };
        Assert.False(MissedRead.Recent(runtime, T0, Hold));
    }

    [Fact]
    public void A_charger_read_this_cycle_is_not_stale_at_all()
    {
        Assert.False(MissedRead.Recent(Runtime(reachable: true, disconnected: false, readAt: T0), T0.AddSeconds(1), Hold));
    }

    private static ConnectorRuntime Runtime(bool reachable, bool disconnected, DateTimeOffset readAt) => new("cp", 1, 32)
    {
        Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(16, 16, 16), 1000, 16, readAt),
        Reachable = reachable,
        Disconnected = disconnected,
    };
}
