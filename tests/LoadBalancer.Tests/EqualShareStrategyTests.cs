using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class EqualShareStrategyTests
{
    [Fact]
    public void Splits_the_grid_headroom_equally()
    {
        // 40 A fuse, 2 A margin, 10 A of building load on each phase: 28 A for two cars, 14 A each.
        var snapshot = Snapshot(Settings(marginA: 2), [Grid(40, PhaseCurrents.All(10))], Car("a"), Car("b"));

        var result = Run(new EqualShareStrategy(), snapshot);

        Assert.Equal(14, result.Connectors[0].LimitA);
        Assert.Equal(14, result.Connectors[1].LimitA);
        Assert.Equal(0, result.NodeHeadroomA[0].L1A, 9);
    }

    [Fact]
    public void Respects_a_sub_circuit_and_rounds_down_to_whole_amperes()
    {
        // The deck has 20 A for three cars: 6.67 A each, offered 6 A in whole amperes.
        // The car on the grid gets 63 / 4 = 15.75 → 15 A. Equal share leaves the deck's last 2 A unused.
        var nodes = new[] { Grid(63), Circuit("deck", 0, 20) };
        var snapshot = Snapshot(Settings(), nodes, Car("d1", 1), Car("d2", 1), Car("d3", 1), Car("g", 0));

        var result = Run(new EqualShareStrategy(), snapshot);

        Assert.Equal([6, 6, 6, 15], result.Connectors.ToArray().Select(c => c.LimitA));
        Assert.Equal(AllocationReason.ShareOfCapacity, result.Connectors[0].Reason);
        Assert.Equal(2, result.NodeHeadroomA[1].L2A, 9);
    }

    [Fact]
    public void Gives_zero_rather_than_less_than_the_minimum()
    {
        // 16 A for three cars would be 5.33 A each, below 6 A: nobody is offered a current they cannot use.
        var snapshot = Snapshot(Settings(), [Grid(16)], Car("a"), Car("b"), Car("c"));

        var result = Run(new EqualShareStrategy(), snapshot);

        Assert.All(result.Connectors.ToArray(), c => Assert.Equal(0, c.LimitA));
        Assert.All(result.Connectors.ToArray(), c => Assert.Equal(AllocationReason.PausedForCapacity, c.Reason));
    }

    [Fact]
    public void An_invalid_snapshot_is_refused_with_its_place_named()
    {
        var bad = Car("CP9/1") with { MinCurrentA = 10, MaxCurrentA = 6 };
        var snapshot = Snapshot(Settings(), [Grid(16)], Car("a"), bad);

        var error = Assert.Throws<ArgumentException>(() => Run(new EqualShareStrategy(), snapshot));

        Assert.Contains("Connectors[1] (CP9/1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinCurrentA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_limits_not_taken_than_answered_are_refused()
    {
        var bad = Car("CP9/1") with { LimitsAnswered = 2, LimitsNotTaken = 3 };

        var error = Assert.Throws<ArgumentException>(() => Run(new EqualShareStrategy(), Snapshot(Settings(), [Grid(16)], bad)));

        Assert.Contains("Connectors[0] (CP9/1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("LimitsNotTaken", error.Message, StringComparison.Ordinal);
    }
}
