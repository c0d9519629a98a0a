using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A reclaim — a decrease to what its car draws, which no limit needs — waits for a cycle in which a raise that fits beside it
/// goes, and while only earlier decreases are unconfirmed; raises and decreases still never share a cycle (contract item 8). On
/// 1,000 connectors a reclaim went out nearly every cycle and held every start (docs/control-loop.md, Session 47).
/// </summary>
public sealed class HeldReclaimsTests
{
    private static readonly BalancerSettings Live = Sites.Live();

    // A is offered 32 A and its car takes 16: the reclaim lowers it toward what it draws.
    private static readonly ConnectorInput Reclaimed = Sites.Car("A", drawA: 16) with { LastLimitA = 32, CommittedA = 32 };

    [Fact]
    public void A_raise_that_fits_beside_a_reclaim_goes_first_and_the_reclaim_follows_a_cycle_later()
    {
        // B at 10 A wants more, and 20.5 A is free beside A's 32 A on the 63 A grid: B rises, the reclaim waits.
        var b = Sites.Car("B", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var grid = Sites.Grid(63, PhaseCurrents.All(26));
        var first = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], Reclaimed, b));
        Assert.Equal(32, first.Connectors[0].LimitA);
        Assert.True(first.Connectors[1].LimitA > 10, $"B stayed at {first.Connectors[1].LimitA} A ({first.Connectors[1].Reason})");

        // B's raise has just gone out (not settled: no raise waits): the reclaim goes.
        var raised = b with { LastLimitA = first.Connectors[1].LimitA, CommittedA = first.Connectors[1].LimitA, LastLimitAt = Sites.Now };
        var second = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [grid], Reclaimed, raised));
        Assert.Equal(AllocationReason.Reclaimed, second.Connectors[0].Reason);
        Assert.True(second.Connectors[0].LimitA < 32, $"A kept {second.Connectors[0].LimitA} A");
        Assert.Equal(raised.LastLimitA, second.Connectors[1].LimitA);
    }

    [Fact]
    public void A_reclaim_goes_out_at_once_where_the_waiting_start_needs_its_room()
    {
        // On a 36 A grid A's 32 A leaves 3.5 A: B's 6 A start needs the reclaim, which goes now; B waits for it.
        var b = Sites.Car("B") with { LastLimitA = 0, CommittedA = 0 };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(36, PhaseCurrents.All(16))], Reclaimed, b));
        Assert.True(result.Connectors[0].LimitA < 32, $"A kept {result.Connectors[0].LimitA} A");
        Assert.Equal(0, result.Connectors[1].LimitA);
        Assert.Equal(AllocationReason.WaitingForRoom, result.Connectors[1].Reason);
    }

    [Fact]
    public void A_reclaim_waits_while_earlier_decreases_are_unconfirmed_and_goes_with_one_a_limit_needs()
    {
        // C's earlier decrease is not confirmed yet, so B's start waits; the reclaim is not sent beside it, so the wait ends once
        // C's is in.
        var b = Sites.Car("B") with { LastLimitA = 0, CommittedA = 0 };
        var c = Sites.Car("C", drawA: 6, maxA: 6) with { LastLimitA = 6, CommittedA = 8, DecreaseUnconfirmed = true };
        var waiting = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(63, PhaseCurrents.All(22))], Reclaimed, b, c));
        Assert.Equal(32, waiting.Connectors[0].LimitA);
        Assert.Equal(0, waiting.Connectors[1].LimitA);
        Assert.Equal(AllocationReason.WaitingForRoom, waiting.Connectors[1].Reason);

        // D's manual cap lowers it in this cycle: the reclaim goes out with it, and B still waits.
        var d = Sites.Car("D", drawA: 10, maxA: 6) with { LastLimitA = 10, CommittedA = 10 };
        var together = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(63, PhaseCurrents.All(32))], Reclaimed, b, c, d));
        Assert.Equal(6, together.Connectors[3].LimitA);
        Assert.True(together.Connectors[0].LimitA < 32, $"A kept {together.Connectors[0].LimitA} A beside D's cut");
        Assert.Equal(0, together.Connectors[1].LimitA);
    }
}
