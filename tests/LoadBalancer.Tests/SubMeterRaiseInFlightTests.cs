using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A raise on its way to a car behind a read circuit meter, when the load nobody controls steps up
/// (docs/control-loop-sessions.md, Session 15, "Seeds 17, 18, 19 at 5 s"): whether the limits in force must come down is judged
/// with each car at the most it may be drawing, and the circuit's meter says how much that can be.
/// </summary>
public sealed class SubMeterRaiseInFlightTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1, ChangeSettleTime = TimeSpan.FromSeconds(5) };

    // A 40 A grid reading 41 A. W, behind the metered "deck", was raised from 6 to 20 A two seconds ago: its draw lies
    // between 6 and 20 A. B, on the grid itself, runs settled at 16 A.
    private static AllocationResult Run(double deckReadsA)
    {
        var w = Sites.Car("W", circuit: 1, drawA: 6) with
        {
            LastLimitA = 20, CommittedA = 20, LastLimitAt = Sites.Now.AddSeconds(-2), MeasuredCurrentHighA = PhaseCurrents.All(20),
        };
        var b = Sites.Car("B", drawA: 16) with { LastLimitA = 16, CommittedA = 16 };
        var nodes = new[] { Sites.Grid(40, PhaseCurrents.All(41)), Sites.Circuit("deck", 0, 100, PhaseCurrents.All(deckReadsA)) };
        return Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, nodes, w, b));
    }

    [Fact]
    public void A_raise_its_circuit_meter_shows_not_taken_is_cut_when_the_grid_reads_over()
    {
        // The deck reads 6 A: W still draws 6, so 19 A of the grid's 41 is load nobody controls (a step), and once W
        // takes its 20 A and B its cut, the grid is over again. Counted at 20 A, W would leave 5 A of other load and
        // 5 + 20 + B's cut fit under 40: W kept its raise, as seed 17 did at 135.5 s (11.0 A over for 5 s).
        var result = Run(deckReadsA: 6);

        Assert.True(result.Connectors[0].LimitA < 20, $"W kept {result.Connectors[0].LimitA} A");
        Assert.True(result.Connectors[0].LimitA + result.Connectors[1].LimitA <= 40 - 19, $"{result.Connectors[0].LimitA} + {result.Connectors[1].LimitA} A");
    }

    [Fact]
    public void A_raise_its_circuit_meter_shows_taken_is_not_cut_for_the_reading_it_makes()
    {
        // The deck reads 20 A: W took its raise, the grid's 41 A is that raise, 5 A of other load; B's cut is enough
        // and W, not settled, keeps its limit (what fairness alone asks waits for the car).
        var result = Run(deckReadsA: 20);

        Assert.Equal(20, result.Connectors[0].LimitA);
        Assert.True(result.Connectors[1].LimitA < 16, $"B kept {result.Connectors[1].LimitA} A");
    }
}
