using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car that stopped on its own may start again on its own (SuspendedEV → Charging, without asking) up to the limit it
/// still holds. Held at its minimum, it may hold more until that cut is in force (a late confirmation, the car's
/// response time); each such car counts at what it holds above its minimum, and room for one of them to start again at
/// its minimum is kept as before (docs/control-loop-sessions.md, Session 17, "A suspended car holds its limit").
/// </summary>
public sealed class StoppedCarsHoldingTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, ReclaimEnabled = true };

    // Stopped on its own at 16 A and held at its 6 A minimum 12 s ago; the cut is not in force yet (its charger
    // confirmed late), so its car may still draw 16 A. Its charger measures nothing.
    private static ConnectorInput Stopped(string id, double holdsA = 16) => Sites.Car(id) with
    {
        Activity = ConnectorActivity.SuspendedByCar,
        LastLimitA = 6,
        CommittedA = holdsA,
        LastLimitAt = Sites.Now.AddSeconds(-12),
    };

    private static ConnectorInput Charging() => Sites.Car("A", drawA: 10, maxA: 63) with { LastLimitA = 10, CommittedA = 10 };

    [Fact]
    public void Two_stopped_cars_each_count_what_they_still_hold_above_their_minimum()
    {
        // Room for 16 A (the largest of them, as one restart) gave A 31 A, and B and C starting again together 63 A on
        // 48; now 53 A: over by no more than one minimum, as two restarts at the minimum were before
        // (docs/control-loop.md, "Cars that stopped on their own").
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(48, PhaseCurrents.All(10))], Charging(), Stopped("B"), Stopped("C")));

        Assert.Equal(AllocationReason.Reclaimed, result.Connectors[1].Reason);
        Assert.Equal(AllocationReason.Reclaimed, result.Connectors[2].Reason);

        // 48 less half a band, less B's and C's 10 A above their minimum, less one restart at 6 A.
        Assert.Equal(21, result.Connectors[0].LimitA);
    }

    [Fact]
    public void What_stopped_cars_on_a_sub_circuit_hold_counts_on_the_grid_above_it_too()
    {
        var nodes = new[] { Sites.Grid(48, PhaseCurrents.All(10)), Sites.Circuit("sub", 0, 100) };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, nodes, Charging(), Stopped("B") with { CircuitIndex = 1 }, Stopped("C") with { CircuitIndex = 1 }));
        Assert.Equal(21, result.Connectors[0].LimitA);
    }

    [Fact]
    public void One_stopped_car_keeps_room_for_all_it_holds_as_before()
    {
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(48, PhaseCurrents.All(10))], Charging(), Stopped("B")));
        Assert.Equal(31, result.Connectors[0].LimitA);
    }

    [Fact]
    public void Once_their_cuts_are_in_force_one_restart_at_the_minimum_is_kept_as_before()
    {
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(48, PhaseCurrents.All(10))], Charging(), Stopped("B", holdsA: 6), Stopped("C", holdsA: 6)));
        Assert.Equal(41, result.Connectors[0].LimitA);
    }
}
