using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A reclaim — a decrease to what its car draws, which no limit needs — waits for a cycle in which a raise that fits beside it
/// goes, and while only earlier decreases are unconfirmed; raises and decreases still never share a cycle (contract item 8). On
/// 1,000 connectors a reclaim went out nearly every cycle and held every start (docs/control-loop-sessions.md, Session 47).
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
    public void A_reclaim_is_held_for_a_changes_settle_time_at_most_however_many_raises_come()
    {
        // Raises that fit beside A's 32 A come one after another as cars settle (B now, C 3 s later, D 6 s later): A's reclaim waits
        // for them only for the settle time (6 s), then goes, and D's raise waits for it — held for good, the room it frees would be
        // nobody's for as long as cars kept settling.
        var settings = Sites.Live() with { ChangeSettleTime = TimeSpan.FromSeconds(6) };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var t0 = Sites.Now;
        var b = Sites.Car("B", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var c = Sites.Car("C", drawA: 8) with { LastLimitA = 8, CommittedA = 8, LastLimitAt = t0.AddSeconds(-3) };
        var d = Sites.Car("D", drawA: 8) with { LastLimitA = 8, CommittedA = 8, LastLimitAt = t0 };

        var first = Allocate(strategy, state, settings, t0, 42, Reclaimed, b, c, d);
        Assert.Equal(32, first.Connectors[0].LimitA);
        b = Raised(b, first.Connectors[1].LimitA, t0);

        var second = Allocate(strategy, state, settings, t0.AddSeconds(3), 42 + b.LastLimitA - 10, Reclaimed, b, c, d);
        Assert.Equal(32, second.Connectors[0].LimitA);
        Assert.True(second.Connectors[2].LimitA > 8, $"C stayed at {second.Connectors[2].LimitA} A ({second.Connectors[2].Reason})");
        c = Raised(c, second.Connectors[2].LimitA, t0.AddSeconds(3));

        var third = Allocate(strategy, state, settings, t0.AddSeconds(6), 26 + b.LastLimitA + c.LastLimitA, Reclaimed, b, c, d);
        Assert.True(third.Connectors[0].LimitA < 32, $"A's reclaim still held after the settle time: {third.Connectors[0].LimitA} A");
        Assert.Equal(8, third.Connectors[3].LimitA);
        Assert.Equal(AllocationReason.WaitingForRoom, third.Connectors[3].Reason);
    }

    [Fact]
    public void A_reclaim_on_a_circuit_read_over_its_limit_goes_out_at_once_beside_a_raise_elsewhere()
    {
        // A (offered 32 A, its car takes 16) is on a 20 A circuit whose meter reads 22 A; B, on another circuit with room, wants
        // more. Holding A's decrease for B's raise would leave the circuit over: A comes down now, and B waits for it.
        var settings = Sites.Live();
        var a = Reclaimed with { CircuitIndex = 1 };
        var b = Sites.Car("B", circuit: 2, drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        CircuitNode[] nodes = [Sites.Grid(100, PhaseCurrents.All(32)), Sites.Circuit("c1", 0, 20, PhaseCurrents.All(22)), Sites.Circuit("c2", 0, 60)];
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, nodes, a, b));

        Assert.True(result.Connectors[0].LimitA <= 20, $"A kept {result.Connectors[0].LimitA} A on a circuit read over");
        Assert.Equal(10, result.Connectors[1].LimitA);
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
    public void A_reclaim_on_a_circuit_read_over_goes_out_at_once_even_where_the_limits_sent_would_bring_it_under()
    {
        // A (offered 32 A, its car takes 16) shares a 40 A circuit with C, whose cut from 30 to 6 A its charger confirmed a moment
        // ago (its car still draws 30 A): the circuit's meter reads 46 A, yet with C's cut in force A at 32 A would fit. B, on
        // another circuit with room, wants more. A meter over its limit is real: A's reclaim goes now and B waits. (The count of
        // every limit sent in force would let it be held: only the meter's guard tells.)
        var settings = Sites.Live();
        var a = Reclaimed with { CircuitIndex = 1 };
        var c = Sites.Car("C", circuit: 1, drawA: 30) with { LastLimitA = 6, CommittedA = 30, LastLimitAt = Sites.Now, LimitsAnswered = 16 };
        var b = Sites.Car("B", circuit: 2, drawA: 10) with { LastLimitA = 10, CommittedA = 10, LimitsAnswered = 16 };
        CircuitNode[] nodes = [Sites.Grid(200, PhaseCurrents.All(56)), Sites.Circuit("c1", 0, 40, PhaseCurrents.All(46)), Sites.Circuit("c2", 0, 60)];
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, nodes, a with { LimitsAnswered = 16 }, b, c));

        Assert.True(result.Connectors[0].LimitA < 32, $"A kept {result.Connectors[0].LimitA} A on a circuit read over");
        Assert.Equal(10, result.Connectors[1].LimitA);
    }

    [Fact]
    public void A_reclaim_on_a_circuit_without_a_meter_goes_out_at_once_where_holding_it_would_leave_the_circuit_over()
    {
        // The circuit c1 (40 A, no meter of its own) holds A's 32 A and C's 10 A — over once every limit sent is in force (its limit
        // was lowered a moment ago, say). B, on another circuit with room, wants more. No meter reads over, yet holding A's reclaim
        // for B's raise would leave c1 over: it goes now and B waits.
        var settings = Sites.Live();
        var a = Reclaimed with { CircuitIndex = 1 };
        var c = Sites.Car("C", circuit: 1, drawA: 10, maxA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var b = Sites.Car("B", circuit: 2, drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        CircuitNode[] nodes = [Sites.Grid(200, PhaseCurrents.All(36)), Sites.Circuit("c1", 0, 40), Sites.Circuit("c2", 0, 60)];
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, nodes, a, b, c));

        Assert.True(result.Connectors[0].LimitA < 32, $"A kept {result.Connectors[0].LimitA} A on a circuit over its limit");
        Assert.Equal(10, result.Connectors[1].LimitA);
    }

    [Fact]
    public void A_reclaim_is_not_held_while_the_grid_meter_is_unknown()
    {
        // The grid meter is stale: the fallback (60 A) wants every decrease now. A's reclaim beside B's raise would fit the fallback
        // (A at 32 A and B raised stay under it), but it goes out at once and B waits.
        var settings = Sites.Live() with { FallbackCurrentA = 60 };
        var b = Sites.Car("B", drawA: 10) with { LastLimitA = 10, CommittedA = 10 };
        var grid = Sites.Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.All(26), Sites.Now.AddSeconds(-30), IsStale: true) };
        var result = Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings, [grid], Reclaimed, b));

        Assert.True(result.Connectors[0].LimitA < 32, $"A kept {result.Connectors[0].LimitA} A in fallback");
        Assert.Equal(10, result.Connectors[1].LimitA);
    }

    // One call at time t on a 100 A grid whose meter reads meterA, every car's reading taken then.
    private static AllocationResult Allocate(FairShareStrategy strategy, BalancerState state, BalancerSettings settings, DateTimeOffset t, double meterA, params ConnectorInput[] cars)
    {
        var grid = Sites.Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.All(meterA), t) };
        var snapshot = Sites.Snapshot(settings, [grid], [.. cars.Select(car => car with { MeasuredAt = t })]) with { Time = t };
        var result = new AllocationResult();
        strategy.Allocate(snapshot, state, result);
        return result;
    }

    // Its raise sent at t and taken, its car drawing it.
    private static ConnectorInput Raised(ConnectorInput car, double limitA, DateTimeOffset t) =>
        car with { LastLimitA = limitA, CommittedA = limitA, LastLimitAt = t, MeasuredCurrentA = PhaseCurrents.All(limitA) };

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

        // D's own maximum lowers it in this cycle: the reclaim goes out with it, and B still waits.
        var d = Sites.Car("D", drawA: 10, maxA: 6) with { LastLimitA = 10, CommittedA = 10 };
        var together = Sites.Run(new FairShareStrategy(), Sites.Snapshot(Live, [Sites.Grid(63, PhaseCurrents.All(32))], Reclaimed, b, c, d));
        Assert.Equal(6, together.Connectors[3].LimitA);
        Assert.True(together.Connectors[0].LimitA < 32, $"A kept {together.Connectors[0].LimitA} A beside D's cut");
        Assert.Equal(0, together.Connectors[1].LimitA);
    }
}
