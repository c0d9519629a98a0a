using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class FairShareFairnessTests
{
    [Fact]
    public void Water_filling_gives_what_a_small_car_cannot_use_to_the_others()
    {
        // 40 A for three cars; one can take only 8 A. Max-min fair: 8, then (40 − 8) / 2 = 16 each.
        var snapshot = Snapshot(Settings(), [Grid(40)], Car("small", maxA: 8), Car("b"), Car("c"));

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.Equal([8, 16, 16], Limits(result));
        Assert.Equal(AllocationReason.AtMaximum, result.Connectors[0].Reason);
        Assert.Equal(AllocationReason.NodeCurrentLimit, result.Connectors[1].Reason);
        Assert.Equal(0, result.Connectors[1].BindingNodeIndex);
    }

    [Fact]
    public void A_tight_sub_circuit_frees_capacity_for_cars_elsewhere()
    {
        // Grid 60 A; deck 16 A with two cars: 8 each. The third car, on the grid, gets 60 − 16 = 44 → its max 32.
        // A fourth car on the grid shares: (60 − 16) / 2 = 22 each.
        var nodes = new[] { Grid(60), Circuit("deck", 0, 16) };
        var three = Run(new FairShareStrategy(), Snapshot(Settings(), nodes, Car("d1", 1), Car("d2", 1), Car("g1")));
        var four = Run(new FairShareStrategy(), Snapshot(Settings(), nodes, Car("d1", 1), Car("d2", 1), Car("g1"), Car("g2")));

        Assert.Equal([8, 8, 32], Limits(three));
        Assert.Equal([8, 8, 22, 22], Limits(four));
        Assert.Equal(1, four.Connectors[0].BindingNodeIndex);
        Assert.Equal(0, four.Connectors[3].BindingNodeIndex);
    }

    [Fact]
    public void Higher_priority_class_is_served_first()
    {
        // 40 A: the fleet car (class 1) takes its 32 A; the two guests share the 8 A that is left... only one fits its 6 A minimum.
        var snapshot = Snapshot(Settings(), [Grid(40)], Car("guest-a", energyWh: 100), Car("fleet", priority: 1), Car("guest-b", energyWh: 200));

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.Equal([8, 32, 0], Limits(result));
        Assert.Equal(AllocationReason.PausedForCapacity, result.Connectors[2].Reason);
    }

    [Fact]
    public void Deadline_aware_mode_serves_the_car_with_less_slack_first()
    {
        // 32 A. Both want 6.9 kWh (10 A for 1 h on 3 × 230 V); one leaves in 1 h, one in 8 h.
        // Both keep their 6 A minimum; the urgent car gets the rest: 32 − 6 = 26 A.
        var settings = Settings() with { DeadlineAware = true };
        var urgent = Car("urgent") with { DepartureAt = Now.AddHours(1), EnergyWantedWh = 6900 };
        var relaxed = Car("relaxed") with { DepartureAt = Now.AddHours(8), EnergyWantedWh = 6900 };

        var result = Run(new FairShareStrategy(), Snapshot(settings, [Grid(32)], relaxed, urgent));

        Assert.Equal([6, 26], Limits(result));
    }

    [Fact]
    public void First_come_first_served_baseline_fills_in_arrival_order()
    {
        // 40 A: the first car takes 32 A; the second gets the 8 A left; the third's 6 A minimum no longer fits.
        var first = Car("first") with { SessionStartedAt = Now.AddHours(-3) };
        var second = Car("second") with { SessionStartedAt = Now.AddHours(-2) };
        var third = Car("third") with { SessionStartedAt = Now.AddHours(-1) };

        var result = Run(new FirstComeFirstServedStrategy(), Snapshot(Settings(), [Grid(40)], third, first, second));

        Assert.Equal([0, 32, 8], Limits(result));
    }

    internal static double[] Limits(AllocationResult result) => result.Connectors.ToArray().Select(c => c.LimitA).ToArray();
}
