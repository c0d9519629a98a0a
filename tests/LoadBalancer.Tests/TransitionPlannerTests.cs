using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// The live loop's transition planning (docs/control-loop.md, "Decreases before increases"): the
/// output moves from each connector's last limit toward the strategy's target so that no circuit
/// needs more than its limit while the cars follow.
/// </summary>
public sealed class TransitionPlannerTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1 };

    // Two 3-phase cars on a 40 A grid, metered: A runs at 32 A, B has just been plugged in.
    private static SiteSnapshot Site(double aLastA, double aCommittedA, double bLastA, double bCommittedA, double meterA)
    {
        var a = Sites.Car("A", drawA: aCommittedA) with { LastLimitA = aLastA, CommittedA = aCommittedA };
        var b = Sites.Car("B", drawA: bCommittedA) with { LastLimitA = bLastA, CommittedA = bCommittedA };
        return Sites.Snapshot(Live, [Sites.Grid(40, PhaseCurrents.All(meterA))], a, b);
    }

    [Fact]
    public void A_newcomer_waits_until_the_lowered_car_has_come_down()
    {
        // A runs at 36 A of the 40; B has just been plugged in. They share 39.5 A (40 less half a
        // band) in whole amperes; while A's 36 A may still be in force, B cannot get its 6 A.
        var lowering = Sites.Run(new FairShareStrategy(), Site(aLastA: 36, aCommittedA: 36, bLastA: 0, bCommittedA: 0, meterA: 36));
        Assert.True(lowering.Connectors[0].LimitA <= 20, $"A kept {lowering.Connectors[0].LimitA} A");
        Assert.Equal(0, lowering.Connectors[1].LimitA);
        Assert.Equal(AllocationReason.WaitingForRoom, lowering.Connectors[1].Reason);

        // Once A's lower limit has taken effect (committed at it), B starts within what is free.
        var aNowA = lowering.Connectors[0].LimitA;
        var settled = Sites.Run(new FairShareStrategy(), Site(aLastA: aNowA, aCommittedA: aNowA, bLastA: 0, bCommittedA: 0, meterA: aNowA));
        Assert.True(settled.Connectors[1].LimitA >= 6, $"B got {settled.Connectors[1].LimitA} A");
        Assert.True(settled.Connectors[0].LimitA + settled.Connectors[1].LimitA <= 40 + 1e-9);
    }

    [Fact]
    public void A_newcomer_may_start_in_what_the_lowered_car_leaves_free_even_before_it_came_down()
    {
        // A at 32 A committed leaves 7.5 A: enough for B's 6 A minimum at once.
        var result = Sites.Run(new FairShareStrategy(), Site(aLastA: 32, aCommittedA: 32, bLastA: 0, bCommittedA: 0, meterA: 32));
        Assert.InRange(result.Connectors[1].LimitA, 6, 7.5);
    }

    [Fact]
    public void A_raise_goes_only_into_room_that_no_committed_limit_holds()
    {
        // A was lowered from 30 to 14 A a moment ago (30 A still committed); B wants more than its 10 A.
        var snapshot = Site(aLastA: 14, aCommittedA: 30, bLastA: 10, bCommittedA: 10, meterA: 24);
        var result = Sites.Run(new FairShareStrategy(), snapshot);
        Assert.True(result.Connectors[1].LimitA <= 10 + 1e-9, $"B was raised to {result.Connectors[1].LimitA} A while A may still draw 30 A");
    }

    [Fact]
    public void A_connector_given_nothing_still_holds_what_it_may_draw_until_its_car_has_answered()
    {
        // A's maximum has just become 0 (a manual limit of 0, curtailment): it no longer takes part,
        // yet it drew 30 A a moment ago and may go on until its car has answered the 0. B at 6 A
        // wants more: the 40 A grid has only 4 A that nobody may still be drawing.
        var a = Sites.Car("A", maxA: 0, drawA: 30) with { MinCurrentA = 0, LastLimitA = 30, CommittedA = 30 };
        var b = Sites.Car("B", drawA: 6) with { LastLimitA = 6, CommittedA = 6 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(40, PhaseCurrents.All(36))], a, b));
        Assert.Equal(0, result.Connectors[0].LimitA);
        Assert.True(result.Connectors[1].LimitA <= 6 + 4, $"B was raised to {result.Connectors[1].LimitA} A while A may still draw 30 A");
    }

    [Fact]
    public void A_small_decrease_waits_but_one_a_limit_needs_goes_out_at_once()
    {
        // Both at 19 A on a 40 A grid with 1.5 A of load nobody controls: the target is 18.5 A each
        // (19.25 less half a band), 0.5 A under what they have, and 19 + 19 + 1.5 stays under 40.
        var quiet = Sites.Run(new FairShareStrategy(), Site(19, 19, 19, 19, meterA: 39.5) with { Settings = Live with { SafetyMarginA = 0 } });
        Assert.Equal(19, quiet.Connectors[0].LimitA);
        Assert.Equal(19, quiet.Connectors[1].LimitA);

        // The load nobody controls rises by 2 A: 40 A is passed, both come down now, however little.
        var over = Sites.Run(new FairShareStrategy(), Site(19, 19, 19, 19, meterA: 41.5));
        Assert.True(over.Connectors[0].LimitA < 19 && over.Connectors[1].LimitA < 19, $"{over.Connectors[0].LimitA} and {over.Connectors[1].LimitA} A");
        Assert.True(over.Connectors[0].LimitA + over.Connectors[1].LimitA + 3.5 <= 40 + 1e-9);
    }

    [Fact]
    public void A_bound_of_its_own_holds_at_once_however_small_the_step()
    {
        // A manual limit (or curtailment) lowers A's maximum to 18.6 A, 0.4 A under its 19 A.
        var a = Sites.Car("A", maxA: 18.6, drawA: 19, stepA: 0.1) with { LastLimitA = 19, CommittedA = 19 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(100, PhaseCurrents.All(19))], a));
        Assert.Equal(18.6, result.Connectors[0].LimitA, 6);
    }

    [Fact]
    public void Without_a_band_the_target_is_the_output()
    {
        var snapshot = Site(aLastA: 32, aCommittedA: 32, bLastA: 0, bCommittedA: 0, meterA: 32) with { Settings = Sites.Settings() };
        var result = Sites.Run(new FairShareStrategy(), snapshot);
        Assert.True(result.Connectors[1].LimitA >= 6, "offline replays keep their targets");
    }

    [Fact]
    public void A_pause_that_only_the_estimates_caution_asks_for_stops_at_the_minimum_but_one_a_limit_needs_goes_out()
    {
        // A and B at 10 A on a 25 A grid, their draw estimated between 6 A (low end) and 10 A (high end).
        // B has had the most energy, so it is the one the strategy pauses when two minimums do not fit.
        var a = Sites.Car("A", drawA: 6) with { LastLimitA = 10, CommittedA = 10, MeasuredCurrentHighA = PhaseCurrents.All(10) };
        var b = Sites.Car("B", drawA: 6, energyWh: 5_000) with { LastLimitA = 10, CommittedA = 10, MeasuredCurrentHighA = PhaseCurrents.All(10) };

        // The meter reads 24 A: with the cars at their low ends (6 A each) 12 A of other load, no room for
        // two minimums; at their high ends (10 A each) 4 A, and 10 + 10 + 4 is under 25: no limit needs
        // the pause, so B goes to its minimum instead.
        var cautious = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(25, PhaseCurrents.All(24))], a, b));
        Assert.Equal(6, cautious.Connectors[1].LimitA);

        // The meter reads 30 A: even at their high ends 10 A of other load, and 10 + 10 + 10 is over 25:
        // the pause goes out.
        var over = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(25, PhaseCurrents.All(30))], a, b));
        Assert.Equal(0, over.Connectors.ToArray().Min(c => c.LimitA));
    }

    [Fact]
    public void A_connector_moves_again_only_once_its_car_has_answered_its_last_change_but_a_decrease_a_limit_needs_goes_out_at_once()
    {
        // A was raised to 10 A two seconds ago; its car answers within 5 s (settle time 6 s). The 40 A
        // grid has room for more, yet raising it again now would plan on a draw not yet known.
        var settings = Live with { ChangeSettleTime = TimeSpan.FromSeconds(6) };
        var justRaised = Sites.Car("A", drawA: 10) with { LastLimitA = 10, CommittedA = 10, LastLimitAt = Sites.Now.AddSeconds(-2) };
        var waiting = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [Sites.Grid(40, PhaseCurrents.All(10))], justRaised));
        Assert.Equal(10, waiting.Connectors[0].LimitA);
        Assert.Equal(AllocationReason.WaitingForRoom, waiting.Connectors[0].Reason);

        // Once it has settled, the raise goes out.
        var settled = justRaised with { LastLimitAt = Sites.Now.AddSeconds(-7) };
        var raised = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [Sites.Grid(40, PhaseCurrents.All(10))], settled));
        Assert.True(raised.Connectors[0].LimitA > 10, $"A stayed at {raised.Connectors[0].LimitA} A");

        // The load nobody controls jumps to 35 A: the decrease goes out now, settled or not.
        var over = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [Sites.Grid(40, PhaseCurrents.All(45))], justRaised));
        Assert.True(over.Connectors[0].LimitA <= 5, $"A kept {over.Connectors[0].LimitA} A over the limit");
    }

    [Fact]
    public void While_the_grid_meter_is_unknown_a_decrease_not_yet_taken_holds_the_others_below_their_targets()
    {
        // The grid meter is silent: the cars together may draw 20 A. A was told 0 a moment ago but may
        // still draw the 16 A it had (its charger has not answered, or its car not yet); B runs at 10 A.
        var settings = Live with { FallbackCurrentA = 20 };
        var silent = Sites.Grid(40) with { Meter = new NodeMeasurement(PhaseCurrents.All(26), Sites.Now.AddSeconds(-10), IsStale: true) };
        var a = Sites.Car("A", drawA: 0) with { LastLimitA = 0, CommittedA = 16 };
        var b = Sites.Car("B", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [silent], a, b));

        // The targets share the 20 A as if A had stopped; until it has, B must not keep 10 A beside A's 16.
        Assert.True(result.GridFallbackActive);
        var mayDrawA = Math.Max(16, result.Connectors[0].LimitA);
        Assert.True(result.Connectors[1].LimitA + mayDrawA <= 20 || result.Connectors[1].LimitA == 0, $"B kept {result.Connectors[1].LimitA} A beside A's {mayDrawA} A");
    }
}
