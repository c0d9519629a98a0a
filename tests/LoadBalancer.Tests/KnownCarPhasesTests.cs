using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.FairSharePhaseAndLoadTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car whose phases its charger's reports told (<see cref="ConnectorInput.KnownPhaseMask"/>), or a probe through the grid meter
/// showed (<see cref="ConnectorInput.ProbedPhaseMask"/>), is counted on those at once — not on every wired phase for the drop
/// time — and still on any other phase it is seen drawing on.
/// </summary>
public sealed class KnownCarPhasesTests
{
    private static readonly BalancerSettings Learning = Settings() with { LearnCarPhases = true };

    [Fact]
    public void Without_LearnCarPhases_a_one_phase_car_whose_phase_is_known_is_counted_on_every_wired_phase_for_the_drop_time()
    {
        // Off by default (docs/control-loop-sessions.md, Session 13): the old rule, the known phase ignored — A shares L2 with B
        // (10 A each) until its idle phases have been idle for the drop time.
        var a = Car("a", carPhases: 1, drawA: 10) with { KnownPhaseMask = 0b001 };
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(20)], a, b));

        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
        Assert.Equal([10, 10], Limits(result));
    }

    [Fact]
    public void A_one_phase_car_whose_phase_is_known_leaves_the_other_phases_to_others_from_the_first_allocation()
    {
        // Grid 20 A. A: a 1-phase car on a 3-phase charger, known on its L1; B: a 1-phase car on grid L2.
        // Unknown, A would share L2 with B for the 30 s drop time (10 A each).
        var a = Car("a", carPhases: 1, drawA: 10) with { KnownPhaseMask = 0b001 };
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };

        var result = Run(new FairShareStrategy(), Snapshot(Learning, [Grid(20)], a, b));

        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
        Assert.Equal([20, 20], Limits(result));
    }

    [Fact]
    public void A_car_known_on_one_phase_that_draws_on_another_is_counted_there_at_once()
    {
        // Known on L1, yet its draw shows 8 A on L2 (a car that switched to more phases before its charger told):
        // it is counted on L1 and L2, and B on L2 keeps only what is left.
        var a = Car("a", carPhases: 1, drawA: 10) with { KnownPhaseMask = 0b001, MeasuredCurrentA = new PhaseCurrents(10, 8, 0) };
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();

        strategy.Allocate(Snapshot(Learning, [Grid(20)], a, b), state, result);

        Assert.Equal(0b011, result.Connectors[0].GridPhaseMask);
        Assert.Equal([10, 10], Limits(result));

        // Its phases not known any more (a new report could not tell): every wired phase, as before.
        var unknown = a with { KnownPhaseMask = 0, MeasuredCurrentA = PhaseCurrents.All(10) };
        strategy.Allocate(At(Now.AddSeconds(1), Snapshot(Learning, [Grid(20)], unknown, b)), state, result);
        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
    }

    [Fact]
    public void A_car_a_probe_placed_is_counted_on_its_phase_from_the_first_allocation_even_without_LearnCarPhases()
    {
        // The same site, A placed by a probe through the grid meter (its charger reports no phases): counted on L1 at once,
        // whatever LearnCarPhases says — and on every wired phase again the moment the probe's verdict is forgotten.
        var a = Car("a", carPhases: 1, drawA: 10) with { ProbedPhaseMask = 0b001 };
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();

        strategy.Allocate(Snapshot(Settings(), [Grid(20)], a, b), state, result);

        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
        Assert.Equal([20, 20], Limits(result));

        // Forgotten (the grid meter unknown), its readings unchanged: on every wired phase until the drop time says otherwise —
        // the probe's phases were not kept in the balancer's memory.
        var forgotten = a with { ProbedPhaseMask = 0 };
        strategy.Allocate(At(Now.AddSeconds(1), Snapshot(Settings(), [Grid(20)], forgotten, b)), state, result);
        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
    }
}
