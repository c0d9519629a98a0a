using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A start whose room is held by cuts each under the change band (docs/control-loop.md, Session 18, "Starts the planner
/// held"; Session 19): five cars at 7 A share a 40 A grid, a sixth is plugged in. Planned at about 6.5 A each, every cut is
/// half an ampere, under the 1 A band, so none went out and the sixth car waited for ever. Once it has waited longer than
/// a settle time with nothing else moving, the cuts go out, as far as its minimum needs.
/// </summary>
public sealed class StartBesideSmallCutsTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, ChangeSettleTime = Settle };
    private static readonly string[] Running = ["A", "B", "C", "D", "E"];

    [Fact]
    public void A_start_held_only_by_cuts_under_the_band_gets_them_once_it_has_waited_a_settle_time()
    {
        var state = new BalancerState();
        var strategy = new FairShareStrategy();

        var first = Allocate(strategy, state, TimeSpan.Zero, lastLimitAgo: TimeSpan.FromMinutes(5));
        Assert.Equal(AllocationReason.WaitingForRoom, first.Connectors[5].Reason);
        Assert.All(first.Connectors[..5].ToArray(), car => Assert.Equal(7, car.LimitA));

        // Not yet a settle time: the small cuts wait, as before.
        var early = Allocate(strategy, state, TimeSpan.FromSeconds(3), lastLimitAgo: TimeSpan.FromMinutes(5));
        Assert.All(early.Connectors[..5].ToArray(), car => Assert.Equal(7, car.LimitA));

        // Waited longer than a settle time, nothing else moving: the cuts go out as far as F's 6 A needs, F waits for them.
        var late = Allocate(strategy, state, TimeSpan.FromSeconds(7), lastLimitAgo: TimeSpan.FromMinutes(5));
        var freedA = late.Connectors[..5].ToArray().Sum(car => 7 - car.LimitA);
        Assert.True(freedA >= 1.5 - 1e-9, $"the cars came down by {freedA:0.0} A; F needs 1.5 A more than the 4.5 A left");
        Assert.All(late.Connectors[..5].ToArray(), car => Assert.True(car.LimitA >= 6, $"{car.LimitA} A"));
        Assert.Equal(0, late.Connectors[5].LimitA);
    }

    [Fact]
    public void While_a_car_beside_it_still_moves_the_small_cuts_wait()
    {
        var state = new BalancerState();
        var strategy = new FairShareStrategy();
        Allocate(strategy, state, TimeSpan.Zero, lastLimitAgo: TimeSpan.FromMinutes(5));

        // Waited long, but E's limit changed 2 s ago: its car is still answering it.
        var late = Allocate(strategy, state, TimeSpan.FromSeconds(7), lastLimitAgo: TimeSpan.FromMinutes(5), eLastLimitAgo: TimeSpan.FromSeconds(2));
        Assert.All(late.Connectors[..4].ToArray(), car => Assert.Equal(7, car.LimitA));
    }

    private static AllocationResult Allocate(FairShareStrategy strategy, BalancerState state, TimeSpan at, TimeSpan lastLimitAgo, TimeSpan? eLastLimitAgo = null)
    {
        var now = Sites.Now + at;
        var cars = Running.Select(id => Sites.Car(id, drawA: 7, stepA: 0.1) with
        {
            LastLimitA = 7,
            CommittedA = 7,
            MeasuredAt = now,
            LastLimitAt = now - (id == "E" && eLastLimitAgo is { } ago ? ago : lastLimitAgo),
        }).Append(Sites.Car("F", stepA: 0.1) with { MeasuredAt = now, LastLimitAt = now - lastLimitAgo });
        var grid = Sites.Grid(40) with { Meter = new NodeMeasurement(PhaseCurrents.All(35), now) };
        var result = new AllocationResult();
        strategy.Allocate(Sites.Snapshot(Live, [grid], [.. cars]) with { Time = now }, state, result);
        return result;
    }
}
