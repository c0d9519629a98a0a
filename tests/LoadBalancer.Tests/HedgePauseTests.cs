using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car paused only for the planner's hedge — room kept while a meter reads over for a pause elsewhere whose charger may not take
/// it — is not held for the pause time: once that pause is taken the car takes its share again (docs/control-loop-sessions.md, Session 46,
/// "A pause for the hedge"). Held, it stood idle a minute beside room for it (the circuit e2e: both cars on a 25 A circuit paused
/// with 8 A left for one).
/// </summary>
public sealed class HedgePauseTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with { ChangeBandA = 1 };

    [Fact]
    public void A_car_paused_for_the_hedge_restarts_once_the_pause_it_hedged_is_taken()
    {
        var state = new BalancerState();
        var strategy = new FairShareStrategy();

        // Both cars charge at their maximum beside 9 A of other load.
        var earlier = Sites.Now.AddSeconds(-20);
        var before = new AllocationResult();
        strategy.Allocate(Sites.Snapshot(Live, [Sites.Grid(30) with { Meter = new NodeMeasurement(PhaseCurrents.All(27), earlier) }],
            Running("A", 1_000, notTaken: 0), Running("B", 9_000, notTaken: 12)) with { Time = earlier }, state, before);
        Assert.Equal([9.0, 9.0], before.Connectors.ToArray().Select(c => c.LimitA));

        // Then 36 A on a 30 A grid: 18 A of load nobody controls and two cars at their 9 A maximum — room for one. B (the most energy) is
        // paused first; its charger left three of its last four limits untaken, so room is kept for its pause not being taken
        // either, and A, whose charger takes its limits, comes down to its minimum and then is paused for it.
        var first = new AllocationResult();
        strategy.Allocate(Sites.Snapshot(Live, [Sites.Grid(30, PhaseCurrents.All(36))], Running("A", 1_000, notTaken: 0), Running("B", 9_000, notTaken: 12)), state, first);
        Assert.Equal([0.0, 0.0], first.Connectors.ToArray().Select(c => c.LimitA));

        // Eight seconds on, both pauses were taken: 18 A on the meter, room for A's 9 A.
        var second = new AllocationResult();
        var later = Sites.Now.AddSeconds(8);
        strategy.Allocate(Sites.Snapshot(Live, [Sites.Grid(30) with { Meter = new NodeMeasurement(PhaseCurrents.All(18), later) }],
            Paused("A", later), Paused("B", later)) with { Time = later }, state, second);
        Assert.True(second.Connectors[0].LimitA >= 6, $"A was left at {second.Connectors[0].LimitA} A ({second.Connectors[0].Reason}) with room for it");
        Assert.Equal(0, second.Connectors[1].LimitA);

        // Had B's charger refused its pause instead, its car drawing on, the room A would restart into is B's: A stays paused.
        var refused = new AllocationResult();
        strategy.Allocate(Sites.Snapshot(Live, [Sites.Grid(30) with { Meter = new NodeMeasurement(PhaseCurrents.All(27), later) }],
            Paused("A", later), Running("B", 9_000, notTaken: 13) with { LastLimitA = 0, LastLimitAt = Sites.Now, LastLimitConfirmed = false, MeasuredAt = later }) with { Time = later },
            state, refused);
        Assert.Equal(0, refused.Connectors[0].LimitA);
    }

    // Charging at its 9 A maximum, its limit confirmed long ago; its charger answered its last 16 limits and did not take notTaken.
    private static ConnectorInput Running(string id, double energyWh, int notTaken) => Sites.Car(id, maxA: 9, drawA: 9, energyWh: energyWh) with
    {
        LastLimitA = 9,
        LastLimitConfirmed = true,
        CommittedA = 9,
        MeasuredCurrentHighA = PhaseCurrents.All(9),
        LimitsAnswered = 16,
        LimitsNotTaken = notTaken,
    };

    // Paused at the first cycle, its 0 taken and its car stopped.
    private static ConnectorInput Paused(string id, DateTimeOffset now) => Sites.Car(id, maxA: 9, drawA: 0) with
    {
        LastLimitA = 0,
        LastLimitAt = Sites.Now,
        LastLimitConfirmed = true,
        CommittedA = 0,
        MeasuredCurrentHighA = PhaseCurrents.Zero,
        MeasuredAt = now,
        LimitsAnswered = 16,
    };
}
