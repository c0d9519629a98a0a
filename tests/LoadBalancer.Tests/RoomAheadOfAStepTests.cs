using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// Room kept ahead of a step of the load nobody controls for the cuts chargers may not take (docs/control-loop-sessions.md,
/// Session 14, "Room kept ahead of a step"): on a phase whose cars run behind chargers that do not take their
/// limits, free room is kept before any meter reads over; on a phase whose chargers take their limits, none.
/// </summary>
public sealed class RoomAheadOfAStepTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, StepReserveShare = 0.3 };

    // A 40 A grid, metered, nothing else on it. A one-phase car on grid L1 and one on grid L2, each drawing 30 A with
    // a limit of 32 A (its maximum); both chargers answered their last 16 limits, the first refused half of them, the second none.
    private static SiteSnapshot TwoPhases(BalancerSettings settings)
    {
        var grid = Sites.Grid(40, new PhaseCurrents(30, 30, 0));
        return Sites.Snapshot(settings, [grid], Sites.OnePhaseAtMaximum("refusing", PhaseRotation.L1L2L3, 30, 8), Sites.OnePhaseAtMaximum("taking", PhaseRotation.L2L3L1, 30, 0));
    }

    [Fact]
    public void A_phase_with_cars_behind_chargers_that_refuse_their_limits_keeps_room_before_a_step_and_one_whose_chargers_take_them_keeps_none()
    {
        var result = Sites.Run(new FairShareStrategy(), TwoPhases(Live));

        // A step of 0.3 of the 40 A limit (12 A) would leave 12 A over that only the refusing charger's car could free,
        // and its cut may not be taken (half of its 30 A, 15 A, is expected not to come down): its phase keeps 12 A
        // free — its car lowered from 32 A to 40 − 12 − half a band, in whole amperes. The other car's cut would be
        // taken: its phase keeps nothing and the car keeps its maximum.
        Assert.Equal(27, result.Connectors[0].LimitA);
        Assert.Equal(32, result.Connectors[1].LimitA);
    }

    [Fact]
    public void Without_a_step_reserve_the_default_both_phases_are_shared_alike()
    {
        var result = Sites.Run(new FairShareStrategy(), TwoPhases(Sites.Settings() with { ChangeBandA = 1 }));

        Assert.Equal(32, result.Connectors[0].LimitA);
        Assert.Equal(32, result.Connectors[1].LimitA);
    }

    [Fact]
    public void Switched_on_after_cycles_off_the_room_kept_is_as_on_from_the_start()
    {
        // Off, the draw is not split by its chargers' answers at all (docs/control-loop-sessions.md, Session 15): nothing of
        // the cycles off may be left over in the split once it is on.
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();
        strategy.Allocate(TwoPhases(Sites.Settings() with { ChangeBandA = 1 }), state, result);
        strategy.Allocate(TwoPhases(Live), state, result);
        strategy.Allocate(TwoPhases(Live), state, result);

        Assert.Equal(27, result.Connectors[0].LimitA);
        Assert.Equal(32, result.Connectors[1].LimitA);
    }
}
