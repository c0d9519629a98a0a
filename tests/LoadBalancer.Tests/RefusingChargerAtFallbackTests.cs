using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// The cars of chargers that did not take some of their latest limits are offered, together on each grid phase, no more than
/// the grid's fallback current (issue 13, property 4; docs/control-loop-sessions.md, Sessions 19 and 20): if the grid meter goes silent
/// while they refuse the fallback's cut, they alone must not keep the phase over the fallback. Chargers that take their limits,
/// one whose single answer of its last 16 was not taken, and sites whose grid has no meter (no fallback to keep) are offered
/// as before.
/// </summary>
public sealed class RefusingChargerAtFallbackTests
{
    private const double FallbackA = 30;
    private static readonly BalancerSettings Live = Sites.Settings(fallbackA: FallbackA) with { ChangeBandA = 1 };

    // A 100 A grid, metered; one-phase cars that want their 32 A maximum.
    private static ConnectorInput OnePhase(string id, PhaseRotation rotation, int notTaken) => Sites.OnePhaseAtMaximum(id, rotation, 32, notTaken);

    [Fact]
    public void A_car_behind_a_charger_that_refused_some_limits_is_offered_no_more_than_the_fallback_current()
    {
        var grid = Sites.Grid(100, new PhaseCurrents(32, 32, 0));
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid],
            OnePhase("refusing", PhaseRotation.L1L2L3, 8), OnePhase("taking", PhaseRotation.L2L3L1, 0)));

        Assert.Equal(30, result.Connectors[0].LimitA);
        Assert.Equal(32, result.Connectors[1].LimitA);
    }

    [Fact]
    public void Two_refusing_chargers_on_one_phase_are_offered_the_fallback_current_together()
    {
        // Main (Session 19) offered each the fallback current on its own: 60 A on L1 for as long as both refused the fallback's cut.
        var grid = Sites.Grid(100, new PhaseCurrents(64, 0, 0));
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid],
            OnePhase("a", PhaseRotation.L1L2L3, 3), OnePhase("b", PhaseRotation.L1L2L3, 5)));

        Assert.Equal(FallbackA, result.Connectors[0].LimitA + result.Connectors[1].LimitA, 6);
        Assert.Equal(15, result.Connectors[0].LimitA);
        Assert.Equal(15, result.Connectors[1].LimitA);
    }

    [Fact]
    public void The_sum_holds_per_grid_phase_with_rotated_one_phase_and_three_phase_cars_and_a_car_of_unknown_phases_on_every_wired_phase()
    {
        // A three-phase car (grid L1, L2, L3), one-phase cars rotated onto grid L2 and L3, and a one-phase car on a three-phase
        // connector not yet seen drawing on one phase only (first look: counted on all three) — all behind refusing chargers.
        var threePhase = Sites.Car("three", drawA: 16) with { LastLimitA = 16, CommittedA = 16, LimitsAnswered = 16, LimitsNotTaken = 6 };
        var unknown = Sites.Car("unknown", carPhases: 1, rotation: PhaseRotation.L3L1L2, drawA: 32) with
        {
            LastLimitA = 32, CommittedA = 32, LimitsAnswered = 16, LimitsNotTaken = 4,
        };
        var grid = Sites.Grid(200, new PhaseCurrents(16, 48, 80));
        var connectors = new[] { threePhase, OnePhase("onL2", PhaseRotation.L2L3L1, 7), OnePhase("onL3", PhaseRotation.L3L1L2, 2), unknown };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], connectors));

        var limits = result.Connectors.ToArray().Select(c => c.LimitA).ToArray();
        Assert.All(limits, limitA => Assert.InRange(limitA, 6, 32));
        Assert.True(limits[0] + limits[3] <= FallbackA + 1e-6, $"L1: {limits[0]} + {limits[3]}");
        Assert.True(limits[0] + limits[1] + limits[3] <= FallbackA + 1e-6, $"L2: {limits[0]} + {limits[1]} + {limits[3]}");
        Assert.True(limits[0] + limits[2] + limits[3] <= FallbackA + 1e-6, $"L3: {limits[0]} + {limits[2]} + {limits[3]}");
    }

    [Fact]
    public void Where_their_minimums_do_not_fit_under_the_fallback_together_some_are_paused_and_the_rest_fit()
    {
        // Six refusing one-phase cars on L1, 6 A minimum each: 36 A at their minimums against 30 A.
        var grid = Sites.Grid(300, new PhaseCurrents(192, 0, 0));
        var cars = Enumerable.Range(0, 6).Select(k => OnePhase($"r{k}", PhaseRotation.L1L2L3, 2 + k)).ToArray();
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], cars));

        var limits = result.Connectors.ToArray().Select(c => c.LimitA).ToArray();
        Assert.Equal(1, limits.Count(limitA => limitA == 0));
        Assert.All(limits.Where(limitA => limitA > 0), limitA => Assert.True(limitA >= 6, $"{limitA} A under the minimum"));
        Assert.True(limits.Sum() <= FallbackA + 1e-6, $"{limits.Sum()} A together");
        Assert.Equal(AllocationReason.PausedForCapacity, result.Connectors.ToArray().Single(c => c.LimitA == 0).Reason);
    }

    [Fact]
    public void A_charger_with_a_single_answer_not_taken_of_its_last_16_is_not_held_under_the_fallback()
    {
        // One timed-out or refused answer among sixteen is a hiccup (Session 20): main (Session 19) held its car at 30 A.
        var grid = Sites.Grid(100, new PhaseCurrents(32, 0, 0));
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], OnePhase("hiccup", PhaseRotation.L1L2L3, 1)));

        Assert.Equal(32, result.Connectors[0].LimitA);
    }

    [Fact]
    public void Without_a_grid_meter_there_is_no_fallback_and_the_refusing_charger_is_offered_its_maximum()
    {
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(100)], OnePhase("refusing", PhaseRotation.L1L2L3, 8)));

        Assert.Equal(32, result.Connectors[0].LimitA);
    }

    [Fact]
    public void A_fallback_under_the_cars_minimum_does_not_pause_it()
    {
        // A 5 A fallback is under the 6 A minimum: the car keeps running, the fallback's own hedge cuts it when the meter goes silent.
        var grid = Sites.Grid(100, new PhaseCurrents(32, 0, 0));
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Sites.Settings(fallbackA: 5) with { ChangeBandA = 1 }, [grid],
            OnePhase("refusing", PhaseRotation.L1L2L3, 8)));

        Assert.Equal(32, result.Connectors[0].LimitA);
    }
}
