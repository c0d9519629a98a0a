using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class ChargerCapAndSubMeterTests
{
    [Fact]
    public void A_per_charger_cap_holds_for_all_connectors_of_a_charger_together()
    {
        // §14a: 4.2 kW per charger at 230 V. CP1 has two connectors with 1-phase cars: together at most
        // 4 200 / 230 = 18.26 A, fair halves 9.13 → 9 A each (10 + 9 = 19 A = 4.37 kW would be over).
        // CP2 is a charger of its own: 18.26 → 18 A.
        var snapshot = Snapshot(
                Settings(),
                [Grid(63)],
                OnePhase("CP1/1", "CP1"),
                OnePhase("CP1/2", "CP1"),
                OnePhase("CP2/1", "CP2"))
            with { Constraints = new SiteConstraints { PerChargerCapKw = 4.2 } };

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.Equal([9, 9, 18], Limits(result));
        Assert.All(result.Connectors.ToArray(), c => Assert.Equal(AllocationReason.ChargerCurtailment, c.Reason));
    }

    [Fact]
    public void A_stale_connector_takes_its_counted_current_out_of_its_chargers_cap()
    {
        // CP1/1 is silent with last limit 10 A on one phase: 2.3 kW of CP1's 4.2 kW are counted as taken.
        // CP1/2 may have (4 200 − 2 300) / 230 = 8.26 → 8 A. CP1/1 is sent its 6 A failsafe.
        var snapshot = Snapshot(
                Settings(),
                [Grid(63)],
                OnePhase("CP1/1", "CP1") with { IsStale = true, LastLimitA = 10, FailsafeCurrentA = 6 },
                OnePhase("CP1/2", "CP1"))
            with { Constraints = new SiteConstraints { PerChargerCapKw = 4.2 } };

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.Equal([6, 8], Limits(result));
        Assert.Equal(AllocationReason.ChargerCurtailment, result.Connectors[1].Reason);
    }

    [Fact]
    public void Without_a_cap_connectors_of_one_charger_are_not_limited_together()
    {
        var snapshot = Snapshot(Settings(), [Grid(63)], OnePhase("CP1/1", "CP1"), OnePhase("CP1/2", "CP1"));

        Assert.Equal([32, 31], Limits(Run(new FairShareStrategy(), snapshot)));
    }

    [Fact]
    public void A_stale_sub_meter_assumes_the_highest_uncontrolled_load_it_has_seen()
    {
        // Board "deck" (40 A per phase) has a meter; one 3-phase car on it draws 10 A.
        var state = new BalancerState();
        var strategy = new FairShareStrategy();

        // Reading 20 A: 20 − 10 = 10 A nobody controls → the car may have 40 − 10 = 30 A.
        Assert.Equal([30], Limits(Allocate(strategy, state, Deck(PhaseCurrents.All(20), Now))));

        // Reading 14 A: 4 A nobody controls → 36 A allowed, the car's maximum 32 A.
        Assert.Equal([32], Limits(Allocate(strategy, state, Deck(PhaseCurrents.All(14), Now))));

        // The meter goes silent (its reading 10 s old, 3 s allowed): not the last 4 A and not "no meter"
        // (0 A), but the highest seen, 10 A → 30 A again, capped by the board.
        var stale = Allocate(strategy, state, Deck(PhaseCurrents.All(14), Now.AddSeconds(-10)));
        Assert.Equal([30], Limits(stale));
        Assert.Equal((AllocationReason.NodeCurrentLimit, 1), (stale.Connectors[0].Reason, stale.Connectors[0].BindingNodeIndex));
    }

    [Fact]
    public void A_sub_meter_that_was_never_read_leaves_nothing_for_its_cars()
    {
        // Stale from the start: the load there is unknown, so the board's whole 40 A is assumed taken.
        var result = Allocate(new FairShareStrategy(), new BalancerState(), Deck(PhaseCurrents.All(14), Now.AddSeconds(-10)));

        Assert.Equal([0], Limits(result));
        Assert.Equal(AllocationReason.PausedForCapacity, result.Connectors[0].Reason);
        Assert.Equal(PhaseCurrents.Zero, result.NodeHeadroomA[1]);
    }

    private static ConnectorInput OnePhase(string id, string chargerId) =>
        Car(id, carPhases: 1, drawA: 10) with { WiredPhases = 1, ChargerId = chargerId };

    private static SiteSnapshot Deck(PhaseCurrents readingA, DateTimeOffset readAt) => Snapshot(
        Settings(),
        [Grid(100), Circuit("deck", 0, 40) with { Meter = new NodeMeasurement(readingA, readAt) }],
        Car("car", circuit: 1, drawA: 10));

    private static AllocationResult Allocate(FairShareStrategy strategy, BalancerState state, SiteSnapshot snapshot)
    {
        var result = new AllocationResult();
        strategy.Allocate(snapshot, state, result);
        return result;
    }
}
