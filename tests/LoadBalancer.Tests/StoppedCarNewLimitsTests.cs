using ChargeNet.LoadBalancer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car that stopped on its own is judged so once it has had time to answer the limit that started it; newer limits at or
/// above its minimum do not restart that wait. On the bench (seed 1 at 2 s) a full car started again after a pause was sent
/// a new share every 2–10 s for 50 s, each restarting the 10 s wait, and held up to 14 A a phase it never drew
/// (docs/control-loop-sessions.md, Session 22).
/// </summary>
public sealed class StoppedCarNewLimitsTests
{
    private static readonly BalancerSettings Live = Sites.Live();

    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(4);

    [Fact]
    public void A_full_car_sent_new_limits_every_few_seconds_is_judged_stopped_ten_seconds_after_its_start()
    {
        var clock = new FakeTimeProvider(Sites.Now);
        var state = new BalancerState();

        // B was started at 14 A and reports SuspendedByCar, drawing nothing; each cycle it was sent a new share (14, 10, 14 A).
        var startedAt = clock.GetUtcNow();
        var sentAt = startedAt;
        var sentA = 14.0;
        AllocationResult result = new();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            clock.Advance(Cycle);
            result = Allocate(state, clock.GetUtcNow(), sentA, sentAt);
            sentA = sentA == 14 ? 10 : 14;
            sentAt = clock.GetUtcNow();
        }

        // 12 s after its start, 4 s after its newest limit.
        Assert.True(clock.GetUtcNow() - startedAt >= Live.ReclaimSettleTime);
        Assert.True(clock.GetUtcNow() - sentAt < Live.ReclaimSettleTime);
        // Judged stopped: A was held back by B's share, so B is paused at once (docs/control-loop-sessions.md, Session 27; held at its minimum before it).
        Assert.Equal(AllocationReason.PausedFull, result.Connectors[1].Reason);
        Assert.Equal(0, result.Connectors[1].LimitA);
    }

    [Fact]
    public void A_car_started_again_after_a_pause_waits_from_that_start()
    {
        var clock = new FakeTimeProvider(Sites.Now);
        var state = new BalancerState();

        // Offered 14 A a minute ago, then paused (0 A), then started again at 14 A 3 s ago: its car may not have answered yet.
        Allocate(state, clock.GetUtcNow(), 14, clock.GetUtcNow().AddSeconds(-60));
        clock.Advance(Cycle);
        Allocate(state, clock.GetUtcNow(), 0, clock.GetUtcNow().AddSeconds(-20));
        clock.Advance(Cycle);
        var result = Allocate(state, clock.GetUtcNow(), 14, clock.GetUtcNow().AddSeconds(-3));

        Assert.NotEqual(AllocationReason.Reclaimed, result.Connectors[1].Reason);
    }

    // A charges at 10 A on a 40 A grid; B is the full car, last sent sentA at sentAt.
    private static AllocationResult Allocate(BalancerState state, DateTimeOffset now, double sentA, DateTimeOffset sentAt)
    {
        var a = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10, MeasuredAt = now };
        var b = Sites.Car("B") with
        {
            Activity = ConnectorActivity.SuspendedByCar,
            LastLimitA = sentA,
            CommittedA = sentA,
            LastLimitAt = sentAt,
            MeasuredAt = now,
        };
        var grid = Sites.Grid(40) with { Meter = new NodeMeasurement(PhaseCurrents.All(10), now) };
        var snapshot = Sites.Snapshot(Live, [grid], a, b) with { Time = now };
        var result = new AllocationResult();
        new FairShareStrategy().Allocate(snapshot, state, result);
        return result;
    }
}
