using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car is held down to what it draws only on a reading its charger took after it had been offered at least its limit's
/// floor for the settle time — never on one taken under an older, lower limit. Judged on the loop's time instead, a charger
/// that reports once a minute had its car cut from 22 A to 14.8 A while it drew 16 A, on a reading taken under the 6 A it had
/// before (the 1,000-connector site bench, cp0491; docs/control-loop.md, Session 41).
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

    // One 3-phase 32 A connector on a 100 A grid with 20 A of other load: room for its maximum always.
    private static ConnectorAllocation Allocate(BalancerState state, DateTimeOffset now, double drawA, DateTimeOffset readAt)
    {
        var car = Sites.Car("A", maxA: 32, drawA: drawA, stepA: 0.1) with
        {
            LastLimitA = 32,
            CommittedA = 32,
            LastLimitAt = RaisedAt,
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
