using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A one-phase car whose draw shows its own phase is still counted on every wired phase for the drop time; on a phase
/// its draw shows idle, under a fresh meter, it is counted at its limit less its draw — as before its phase was known —
/// not at its whole limit with nothing of it in the reading (docs/control-loop-sessions.md, Session 22).
/// </summary>
public sealed class LearntPhaseRoomTests
{
    // Grid 40 A, metered; 5 A a phase nobody controls. A: a one-phase car on a three-phase charger, drawing its 10 A limit
    // on L1 (just seen: counted on all three for the drop time). B: a one-phase charger on grid L2 at 10 A.
    private static readonly ConnectorInput A = Car("a", carPhases: 1, drawA: 10) with { LastLimitA = 10 };
    private static readonly ConnectorInput B = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1, LastLimitA = 10 };

    [Fact]
    public void A_one_phase_car_counted_on_a_phase_its_draw_shows_idle_holds_there_only_its_limit_above_its_draw()
    {
        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(40, meteredA: new PhaseCurrents(15, 15, 5))], A, B));

        // Still counted on every phase (the drop time is not over) — unknown is never zero.
        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);

        // L2 holds 5 A nobody controls and B: 35 A for B and A's limit above its 10 A on L1 — about 22 A each. Counted at
        // its whole limit there, A halved L2 with B (17–18 A each) while it drew nothing on it.
        var (a, b) = (result.Connectors[0].LimitA, result.Connectors[1].LimitA);
        Assert.True(b >= 22, $"B was given {b} A, A {a} A: A's whole limit was counted on L2, where it draws nothing");
        Assert.True(5 + (a - 10) + b <= 40 + 1e-9, $"A {a} A, B {b} A: more than L2's room with A counted at its limit above its draw");
    }

    [Fact]
    public void Where_no_meter_reads_its_draw_the_car_is_counted_at_its_whole_limit_on_every_phase()
    {
        // The grid unmetered: A's draw is in no reading, so nothing of it may be credited — it halves L2 with B, as on main.
        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(40)], A, B));

        var (a, b) = (result.Connectors[0].LimitA, result.Connectors[1].LimitA);
        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
        Assert.True(a + b <= 40 + 1e-9, $"A {a} A, B {b} A on L2's 40 A: A's limit was not all counted there");
    }

    [Fact]
    public void A_car_whose_draw_is_put_on_the_wrong_phase_still_leaves_that_phase_under_its_limit()
    {
        // A's estimate puts its 10 A on L1, but it draws them on L2 (the meter reads them there): at its new limit on L2
        // beside B at its own, L2 is still within its 40 A.
        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(40, meteredA: new PhaseCurrents(5, 25, 5))], A, B));

        var (a, b) = (result.Connectors[0].LimitA, result.Connectors[1].LimitA);
        Assert.True(5 + a + b <= 40 + 1e-9, $"A {a} A and B {b} A both on L2 with 5 A nobody controls: over its 40 A");
    }
}
