using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car counted on phases nothing showed it drawing on (<see cref="ConnectorInput.UnsurePhaseMask"/>: a charger that reports one
/// current without a phase) promises no fall there as it answers a cut (docs/control-loop-sessions.md, Session 35): where the meter reads
/// over, the least the load nobody controls can be counts it on those phases at its band's low end, so the cut the grid needs
/// goes out now — not a response time later, once the fall that never came on that phase has been waited for.
/// </summary>
public sealed class UnsurePhaseReliefTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, ChangeSettleTime = TimeSpan.FromSeconds(5) };

    // A 40 A grid a second after a step. P, behind a charger that reports one current without a phase, was cut from 20 to 9 A and
    // counts on every phase (its band 9–20 A); truly a one-phase car on L1, it has answered. B, three-phase, was cut from 16 to 10 A
    // and has answered too (its band 10–16 A). L2 reads 41 A: 31 A of load nobody controls and B's 10 — only B draws on L2, and
    // the grid needs it 1 A lower still.
    private static AllocationResult Run(int unsurePhaseMask)
    {
        var p = Sites.Car("P", drawA: 9) with
        {
            LastLimitA = 9, CommittedA = 20, LastLimitAt = Sites.Now.AddSeconds(-1), LastLimitConfirmed = true,
            MeasuredCurrentHighA = PhaseCurrents.All(20), UnsurePhaseMask = unsurePhaseMask,
        };
        var b = Sites.Car("B", drawA: 10) with
        {
            LastLimitA = 10, CommittedA = 16, LastLimitAt = Sites.Now.AddSeconds(-1), LastLimitConfirmed = true,
            MeasuredCurrentHighA = PhaseCurrents.All(16),
        };
        var grid = Sites.Grid(40, new PhaseCurrents(28, 41, 20));
        return Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], p, b));
    }

    [Fact]
    public void A_cut_of_a_car_on_phases_nothing_showed_is_no_relief_there_and_the_car_that_draws_there_comes_down_now()
    {
        var result = Run(unsurePhaseMask: 0b110);

        Assert.True(result.Connectors[1].LimitA <= 9, $"B kept {result.Connectors[1].LimitA} A with L2 reading 1 A over");
    }

    [Fact]
    public void Counted_on_phases_its_reports_showed_the_same_cut_is_relief_to_wait_for()
    {
        // The control: the same band on phases its charger's reports showed — an 11 A fall of P on L2 still to come, so B keeps its
        // 10 A until P's response time is out. (So were the unsure phases counted before Session 35, and the grid stayed over.)
        var result = Run(unsurePhaseMask: 0);

        Assert.Equal(10, result.Connectors[1].LimitA);
    }
}
