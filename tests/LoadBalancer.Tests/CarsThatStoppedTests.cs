using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// Cars that stopped drawing on their own (full, or waiting on their own timer) while current is offered
/// (docs/load-balancing.md, rule 5): each keeps its minimum so it can start again, but takes no share of
/// the room; every circuit phase keeps room for one of them to start again.
/// </summary>
public sealed class CarsThatStoppedTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, ReclaimEnabled = true };

    // Stopped on its own 10 minutes ago at the 6 A it was offered; its charger says so and measures nothing.
    private static ConnectorInput Stopped(string id, int circuit = 0, double lastA = 6) => Sites.Car(id, circuit: circuit) with
    {
        Activity = ConnectorActivity.SuspendedByCar,
        LastLimitA = lastA,
        CommittedA = lastA,
        LastLimitAt = Sites.Now.AddMinutes(-10),
    };

    [Fact]
    public void Cars_that_stopped_on_their_own_keep_their_minimum_and_leave_the_rest_to_the_car_that_charges()
    {
        // A charges at 10 A on a 32 A grid; B, C and D are full. Each of them taking a 6 A share would leave A 13 A.
        var a = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(32, PhaseCurrents.All(10))], a, Stopped("B"), Stopped("C"), Stopped("D")));

        foreach (var stopped in result.Connectors.ToArray()[1..])
        {
            Assert.Equal(6, stopped.LimitA);
            Assert.Equal(AllocationReason.Reclaimed, stopped.Reason);
        }

        // 32 A less half a band, less room for one of them to start again at its 6 A.
        Assert.Equal(25, result.Connectors[0].LimitA);
    }

    [Fact]
    public void The_safety_margin_covers_as_much_of_a_restart_as_it_can()
    {
        // The same with a 5 A safety margin, there for a short overshoot until the loop has seen it: a restart
        // at 6 A needs 1 A beyond it. A gets 32 − 5 − 0.5 − 1.
        var a = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var settings = Live with { SafetyMarginA = 5 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [Sites.Grid(32, PhaseCurrents.All(10))], a, Stopped("B"), Stopped("C")));
        Assert.Equal(25, result.Connectors[0].LimitA);
    }

    [Fact]
    public void A_car_that_stopped_on_its_own_is_lowered_to_its_minimum_and_counted_at_what_it_may_draw_until_that_is_confirmed()
    {
        // B stopped at 16 A: it goes down to its 6 A; until its charger confirms, it may still start again at
        // 16 A — the room kept for it is that.
        var a = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(32, PhaseCurrents.All(10))], a, Stopped("B", lastA: 16)));
        Assert.Equal(6, result.Connectors[1].LimitA);
        Assert.True(result.Connectors[0].LimitA <= 32 - 16, $"A got {result.Connectors[0].LimitA} A beside B's 16 A");
    }

    [Fact]
    public void A_circuit_without_a_meter_keeps_room_for_one_stopped_car_to_start_again()
    {
        // A 20 A sub-circuit without a meter under a 100 A grid: A charges, B and C are full there.
        var a = Sites.Car("A", circuit: 1, drawA: 6) with { LastLimitA = 6, CommittedA = 6 };
        var nodes = new[] { Sites.Grid(100, PhaseCurrents.All(6)), Sites.Circuit("sub", 0, 20) };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, nodes, a, Stopped("B", circuit: 1), Stopped("C", circuit: 1)));

        Assert.Equal(13, result.Connectors[0].LimitA);
        Assert.Equal(6, result.Connectors[1].LimitA);
        Assert.Equal(6, result.Connectors[2].LimitA);
    }

    [Fact]
    public void A_car_that_starts_again_takes_its_share_again()
    {
        // B drew nothing and now draws its 6 A again: it is a charging car like A, and A's limit makes room for it.
        var a = Sites.Car("A", drawA: 25) with { LastLimitA = 25, CommittedA = 25 };
        var b = Sites.Car("B", drawA: 6) with { LastLimitA = 6, CommittedA = 6, LastLimitAt = Sites.Now.AddMinutes(-10) };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(32, PhaseCurrents.All(31))], a, b));
        Assert.NotEqual(AllocationReason.Reclaimed, result.Connectors[1].Reason);
        Assert.True(result.Connectors[0].LimitA < 25, $"A kept {result.Connectors[0].LimitA} A");
    }

    [Fact]
    public void A_car_that_has_just_been_offered_a_new_limit_is_not_judged_stopped_yet()
    {
        // B reports SuspendedByCar 3 s after it was raised to 16 A: its car may not have answered yet.
        var a = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var b = Stopped("B", lastA: 16) with { LastLimitAt = Sites.Now.AddSeconds(-3) };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(40, PhaseCurrents.All(10))], a, b));
        Assert.NotEqual(AllocationReason.Reclaimed, result.Connectors[1].Reason);
    }
}
