using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class FairSharePhaseAndLoadTests
{
    [Fact]
    public void Uncontrolled_load_is_what_the_meter_sees_minus_what_the_cars_draw()
    {
        // Grid 100 A, margin 5, meter 50 A per phase while the car draws 20 A: 30 A is the building.
        // Deck 40 A, its meter 30 A with the same car's 20 A: 10 A of other load on the deck.
        // Deck: 40 − 5 − 10 = 25 A for the car. Grid headroom: 100 − 5 − 30 − 25 = 40 A.
        var nodes = new[] { Grid(100, PhaseCurrents.All(50)), Circuit("deck", 0, 40, PhaseCurrents.All(30)) };
        var result = Run(new FairShareStrategy(), Snapshot(Settings(marginA: 5), nodes, Car("car", 1, drawA: 20)));

        Assert.Equal(25, result.Connectors[0].LimitA);
        Assert.Equal(1, result.Connectors[0].BindingNodeIndex);
        Assert.Equal(40, result.NodeHeadroomA[0].L1A, 9);
        Assert.Equal(0, result.NodeHeadroomA[1].L3A, 9);
    }

    [Fact]
    public void A_one_phase_car_on_a_rotated_charger_loads_the_grid_phase_it_is_wired_to()
    {
        // Grid limits L1 40, L2 16, L3 40. A 1-phase charger wired L2L3L1 puts its car on grid L2 (16 A);
        // the same car on an L1L2L3 charger is on grid L1 and gets its 32 A.
        var grid = Grid(40) with { MaxCurrentA = new PhaseCurrents(40, 16, 40) };
        var onL2 = Car("rotated", rotation: PhaseRotation.L2L3L1, carPhases: 1, drawA: 10) with { WiredPhases = 1 };
        var onL1 = Car("straight", carPhases: 1, drawA: 10) with { WiredPhases = 1 };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [grid], onL2, onL1));

        Assert.Equal([16, 32], Limits(result));
        Assert.Equal(0b010, result.Connectors[0].GridPhaseMask);
        Assert.Equal(1, result.Connectors[0].BindingPhase);
    }

    [Fact]
    public void A_one_phase_car_on_a_three_phase_charger_stops_blocking_the_other_phases_after_the_drop_time()
    {
        // Grid 20 A. Car A (1-phase car, 3-phase charger) draws on grid L1 only; car B is a 1-phase car on grid L2.
        // At first A is counted on all three phases: A and B share L2, 10 A each. Once L2 and L3 have been idle
        // for the 30 s drop time, A is counted on L1 only and both get 20 A.
        var settings = Settings();
        var a = Car("a", carPhases: 1, drawA: 10);
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();

        strategy.Allocate(Snapshot(settings, [Grid(20)], a, b), state, result);
        Assert.Equal([10, 10], Limits(result));
        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);

        strategy.Allocate(At(Now.AddSeconds(31), Snapshot(settings, [Grid(20)], a, b)), state, result);
        Assert.Equal([20, 20], Limits(result));
        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);

        // A phase that starts drawing again is counted at once.
        var aOnTwo = a with { MeasuredCurrentA = new PhaseCurrents(10, 5, 0) };
        strategy.Allocate(At(Now.AddSeconds(32), Snapshot(settings, [Grid(20)], aOnTwo, b)), state, result);
        Assert.Equal(0b011, result.Connectors[0].GridPhaseMask);
        Assert.Equal([10, 10], Limits(result));
    }

    [Fact]
    public void Phase_imbalance_limit_holds_one_phase_cars_on_the_same_phase()
    {
        // Grid 63 A with a 20 A imbalance limit; two 1-phase cars on L1 and nothing on L2/L3:
        // L1 − L2 ≤ 20 A, so 10 A each. A 3-phase car loads all phases alike and keeps its 32 A.
        var grid = Grid(63, imbalanceA: 20);
        var one = Car("one", carPhases: 1, drawA: 8) with { WiredPhases = 1 };
        var two = Car("two", carPhases: 1, drawA: 8) with { WiredPhases = 1 };
        var three = Car("three");

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [grid], one, two, three));

        Assert.Equal([10, 10, 32], Limits(result));
        Assert.Equal(AllocationReason.PhaseImbalance, result.Connectors[0].Reason);
    }

    [Fact]
    public void A_node_power_limit_is_kept()
    {
        // 3 × 230 V: a 3-phase ampere is 0.69 kW. 22 kW over two 3-phase cars: 15.94 A each → 15 A in whole
        // amperes; the 1.88 A left buys one more whole ampere, for the first car: 16 + 15 = 31 A = 21.39 kW.
        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(63, maxKw: 22)], Car("a"), Car("b")));

        Assert.Equal([16, 15], Limits(result));
        Assert.Equal(AllocationReason.NodePowerLimit, result.Connectors[1].Reason);
    }

    internal static SiteSnapshot At(DateTimeOffset time, SiteSnapshot snapshot) => snapshot with
    {
        Time = time,
        Connectors = snapshot.Connectors.Select(c => c with { MeasuredAt = time }).ToArray(),
        Nodes = snapshot.Nodes.Select(n => n.Meter is null ? n : n with { Meter = n.Meter with { Timestamp = time } }).ToArray(),
    };
}
