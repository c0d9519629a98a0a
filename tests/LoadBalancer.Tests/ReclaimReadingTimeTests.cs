using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car is held down to what it draws only on a reading its charger took after it had been offered at least its limit's
/// floor for the settle time — never on one taken under an older, lower limit. Judged on the loop's time instead, a charger
/// that reports once a minute had its car cut from 22 A to 14.8 A while it drew 16 A, on a reading taken under the 6 A it had
/// before (the 1,000-connector site bench, cp0491; docs/control-loop-sessions.md, Session 41).
/// </summary>
public sealed class ReclaimReadingTimeTests
{
    private static readonly DateTimeOffset RaisedAt = Sites.Now;

    [Fact]
    public void A_reading_taken_under_an_older_lower_limit_holds_nobody_down_and_a_newer_one_does()
    {
        var state = new BalancerState();

        // Raised from 6 A to 32 A at RaisedAt; its charger's newest reading, 5 s before that, shows the 6 A it had then.
        for (var s = 1; s < 55; s++)
        {
            var result = Allocate(state, RaisedAt.AddSeconds(s), drawA: 6, readAt: RaisedAt.AddSeconds(-5));
            Assert.True(
                result.Reason != AllocationReason.Reclaimed,
                $"at {s} s it is held at {result.LimitA} A ({result.Reason}) on a reading taken under its old 6 A limit");
            Assert.Equal(32, result.LimitA);
        }

        // Its next reading, under the 32 A: the car takes its own 16 A. Now it is held at that plus the margin.
        var held = Allocate(state, RaisedAt.AddSeconds(56), drawA: 16, readAt: RaisedAt.AddSeconds(55));
        Assert.Equal(AllocationReason.Reclaimed, held.Reason);
        Assert.Equal(16 + Sites.Live().ReclaimMarginA, held.LimitA);
    }

    [Fact]
    public void A_car_just_under_its_old_limit_is_held_down_under_a_new_higher_one_on_a_reading_taken_under_it()
    {
        // It takes 14.5 A of its 16 A: under the floor by less than the 2 A threshold, so the floor stays 16 A when it is raised to
        // 32 A. Its reading 10 s into the 32 A shows it 17.5 A under that limit: held at its draw plus the margin (review, Session 41).
        var state = new BalancerState();
        var before = Allocate(state, RaisedAt.AddSeconds(-1), drawA: 14.5, readAt: RaisedAt.AddSeconds(-2), limitA: 16, limitAt: RaisedAt.AddMinutes(-5));
        Assert.NotEqual(AllocationReason.Reclaimed, before.Reason);

        for (var s = 1; s <= 30; s++)
        {
            var readAt = s < 10 ? RaisedAt.AddSeconds(-2) : RaisedAt.AddSeconds(10 * (s / 10));
            var result = Allocate(state, RaisedAt.AddSeconds(s), drawA: 14.5, readAt: readAt);
            if (s >= 10)
            {
                Assert.True(
                    result.Reason == AllocationReason.Reclaimed && result.LimitA == 14.5 + Sites.Live().ReclaimMarginA,
                    $"at {s} s, on a reading taken {(readAt - RaisedAt).TotalSeconds} s into its 32 A, it is offered {result.LimitA} A ({result.Reason})");
            }
        }
    }

    [Fact]
    public void A_cut_starts_the_floor_again_so_a_car_that_took_the_cut_is_not_held_down_to_it()
    {
        // At 16 A for five minutes, taking all of it; cut to 10 A at RaisedAt (a share, a step) and taking that: it draws 6 A under
        // its old floor, but because of the cut — not a car that limits itself.
        var state = new BalancerState();
        Allocate(state, RaisedAt.AddSeconds(-1), drawA: 16, readAt: RaisedAt.AddSeconds(-2), limitA: 16, limitAt: RaisedAt.AddMinutes(-5));
        for (var s = 1; s <= 9; s++)
        {
            var result = Allocate(state, RaisedAt.AddSeconds(s), drawA: 10, readAt: RaisedAt.AddSeconds(s), limitA: 10);
            Assert.True(result.Reason != AllocationReason.Reclaimed, $"at {s} s after the cut it is held at {result.LimitA} A, judged against its old 16 A");
        }
    }

    [Fact]
    public void A_pause_starts_the_floor_again_so_a_resumed_car_is_not_held_down_on_a_reading_from_before_it()
    {
        // Held down at 16 A while it drew 10 A; paused at RaisedAt and given 32 A five seconds later. Its charger's newest reading
        // is still the 10 A from before the pause: under the old floor's window it would hold the car at 11 A again at once.
        var state = new BalancerState();
        var held = Allocate(state, RaisedAt.AddSeconds(-1), drawA: 10, readAt: RaisedAt.AddSeconds(-2), limitA: 16, limitAt: RaisedAt.AddMinutes(-5));
        Assert.Equal(AllocationReason.Reclaimed, held.Reason);
        Allocate(state, RaisedAt.AddSeconds(1), drawA: 0, readAt: RaisedAt.AddSeconds(1), limitA: 0);

        for (var s = 6; s <= 14; s++)
        {
            var result = Allocate(state, RaisedAt.AddSeconds(s), drawA: 10, readAt: RaisedAt.AddSeconds(-2), limitAt: RaisedAt.AddSeconds(5));
            Assert.True(result.Reason != AllocationReason.Reclaimed, $"at {s} s, resumed at 32 A, it is held at {result.LimitA} A on a reading from before its pause");
        }
    }

    // One 3-phase 32 A connector on a 100 A grid with 20 A of other load: room for its maximum always; its limit limitA (32 A
    // unless told) sent at limitAt (RaisedAt unless told).
    private static ConnectorAllocation Allocate(BalancerState state, DateTimeOffset now, double drawA, DateTimeOffset readAt, double limitA = 32, DateTimeOffset? limitAt = null)
    {
        var car = Sites.Car("A", maxA: 32, drawA: drawA, stepA: 0.1) with
        {
            LastLimitA = limitA,
            CommittedA = limitA,
            LastLimitAt = limitAt ?? RaisedAt,
            MeasuredAt = now,
            CurrentsReadAt = readAt,
            CurrentsReadA = PhaseCurrents.All(drawA),
        };
        var grid = Sites.Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.All(20 + drawA), now) };
        var result = new AllocationResult();
        new FairShareStrategy().Allocate(Sites.Snapshot(Sites.Live(), [grid], car) with { Time = now }, state, result);
        return result.Connectors[0];
    }
}
