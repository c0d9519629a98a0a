using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.FairSharePhaseAndLoadTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class FairShareMinimumAndHoldTests
{
    [Fact]
    public void When_minimums_do_not_fit_the_car_with_most_energy_is_paused()
    {
        // 16 A for three cars of 6 A minimum: only two fit. The one that had 5 kWh already waits; the others get 8 A.
        var snapshot = Snapshot(Settings(), [Grid(16)], Car("a", energyWh: 1000), Car("b", energyWh: 5000), Car("c", energyWh: 3000));

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.Equal([8, 0, 8], Limits(result));
        Assert.Equal(AllocationReason.PausedForCapacity, result.Connectors[1].Reason);
        Assert.Equal(0, result.Connectors[1].BindingNodeIndex);
    }

    [Fact]
    public void A_one_phase_car_paused_for_a_phase_that_a_later_pause_frees_runs_after_all()
    {
        // 32 A grid; other load 30 A on L1 (2 A left: no three-phase minimum fits) and 22 A on L2 (10 A left).
        // The one-phase car on grid L2 has had the most energy, so it comes first in pause order: with the
        // three-phase car's minimum still counted on L2 (6 + 6 > 10) it is paused — then the three-phase car
        // is paused for L1, and L2's 10 A are free for it after all.
        var onePhase = Car("one", carPhases: 1, rotation: PhaseRotation.L2L3L1, energyWh: 9_000) with { WiredPhases = 1 };
        var threePhase = Car("three", energyWh: 1_000);

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(32, new PhaseCurrents(30, 22, 0))], onePhase, threePhase));

        Assert.Equal(0, result.Connectors[1].LimitA);
        Assert.InRange(result.Connectors[0].LimitA, 6, 10);
    }

    [Fact]
    public void More_capacity_that_lets_a_paused_car_start_gives_the_running_car_less()
    {
        // The one exception to "more capacity never gives anyone less": 11 A for two cars of 6 A minimum,
        // so b (more energy) waits and a gets all 11 A. With 12 A both minimums fit: b starts and a drops to 6 A.
        // Intended: 0 or at least the minimum, pausing rather than starving; hold times keep it from flapping.
        ConnectorInput[] cars = [Car("a", energyWh: 1000), Car("b", energyWh: 5000)];

        Assert.Equal([11, 0], Limits(Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(11)], cars))));
        Assert.Equal([6, 6], Limits(Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(12)], cars))));
    }

    [Fact]
    public void Started_cars_run_and_paused_cars_wait_their_hold_times()
    {
        var settings = Settings();
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();
        var a = Car("a", energyWh: 5000);
        var b = Car("b", energyWh: 1000);
        var c = Car("c", energyWh: 0);

        // t = 0: A and B start at 8 A each on 16 A.
        strategy.Allocate(Snapshot(settings, [Grid(16)], a, b), state, result);
        Assert.Equal([8, 8], Limits(result));

        // t = 10 s: C arrives. The three minimums do not fit, but A and B started less than 60 s ago: C waits.
        strategy.Allocate(At(Now.AddSeconds(10), Snapshot(settings, [Grid(16)], a, b, c)), state, result);
        Assert.Equal([8, 8, 0], Limits(result));

        // t = 70 s: the run time is over; A, with the most energy, is paused for C.
        strategy.Allocate(At(Now.AddSeconds(70), Snapshot(settings, [Grid(16)], a, b, c)), state, result);
        Assert.Equal([0, 8, 8], Limits(result));

        // t = 80 s: the fuse allows 40 A now, but A stays paused until 60 s after its pause.
        strategy.Allocate(At(Now.AddSeconds(80), Snapshot(settings, [Grid(40)], a, b, c)), state, result);
        Assert.Equal([0, 20, 20], Limits(result));
        Assert.Equal(AllocationReason.PausedHold, result.Connectors[0].Reason);

        // t = 130 s: A may start again: 40 A over three cars, 13.33 A → 13 A each, the 1 A left to the first.
        strategy.Allocate(At(Now.AddSeconds(130), Snapshot(settings, [Grid(40)], a, b, c)), state, result);
        Assert.Equal([14, 13, 13], Limits(result));
    }

    [Fact]
    public void The_run_time_gives_way_when_a_limit_would_be_broken()
    {
        var settings = Settings();
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();
        var a = Car("a", energyWh: 5000);
        var b = Car("b", energyWh: 1000);
        strategy.Allocate(Snapshot(settings, [Grid(16)], a, b), state, result);

        // 5 s later the fuse is down to 10 A: both minimums (12 A) would break it; A (more energy) is paused.
        strategy.Allocate(At(Now.AddSeconds(5), Snapshot(settings, [Grid(10)], a, b)), state, result);

        Assert.Equal([0, 10], Limits(result));
    }

    [Fact]
    public void A_car_drawing_well_below_its_limit_is_reclaimed_and_offered_more_step_by_step()
    {
        // 40 A, two cars. The full one was given 20 A a minute ago but draws 4 A: it is held at 4 + 2 = 6 A,
        // and the other car gets 32 A (its max). When it later draws all of its 6 A, it is offered 6 + 2 = 8 A.
        var settings = Settings() with { ReclaimEnabled = true };
        var full = Car("full", drawA: 4) with { LastLimitA = 20, LastLimitAt = Now.AddMinutes(-1) };
        var hungry = Car("hungry", drawA: 20) with { LastLimitA = 20, LastLimitAt = Now.AddMinutes(-1) };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();

        strategy.Allocate(Snapshot(settings, [Grid(40)], full, hungry), state, result);
        Assert.Equal([6, 32], Limits(result));
        Assert.Equal(AllocationReason.Reclaimed, result.Connectors[0].Reason);

        var later = Now.AddSeconds(30);
        var fullTakesAll = full with { MeasuredCurrentA = PhaseCurrents.All(6), LastLimitA = 6, LastLimitAt = Now };
        strategy.Allocate(At(later, Snapshot(settings, [Grid(40)], fullTakesAll, hungry with { LastLimitA = 32, LastLimitAt = Now, MeasuredCurrentA = PhaseCurrents.All(32) })), state, result);
        Assert.Equal([8, 32], Limits(result));
    }

    [Fact]
    public void Increases_are_ramp_limited_and_decreases_are_not()
    {
        // 1 A/s: a car given 10 A two seconds ago may go to 12 A now; one given 30 A goes straight down to its share.
        var settings = Settings() with { RampUpAPerSecond = 1 };
        var rising = Car("rising", drawA: 10) with { LastLimitA = 10, LastLimitAt = Now.AddSeconds(-2) };
        var falling = Car("falling", drawA: 30) with { LastLimitA = 30, LastLimitAt = Now.AddSeconds(-2) };

        var result = Run(new FairShareStrategy(), Snapshot(settings, [Grid(32)], rising, falling));

        Assert.Equal([12, 20], Limits(result));
        Assert.Equal(AllocationReason.RampLimit, result.Connectors[0].Reason);
    }
}
