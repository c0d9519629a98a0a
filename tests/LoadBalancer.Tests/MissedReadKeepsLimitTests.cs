using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A connector stale only because its charger missed its latest read a moment ago keeps its last limit instead of being
/// sent its failsafe — it is counted at the most it may hold either way — unless every cut may be needed: a fresh meter
/// above it reads over its limit itself on its phases, or the grid meter is unknown (the fallback, property 4)
/// (docs/control-loop-sessions.md, Session 28, "A missed read keeps its limit").
/// </summary>
public sealed class MissedReadKeepsLimitTests
{
    private static readonly BalancerSettings LiveSettings = Live() with { SafetyMarginA = 3, FallbackCurrentA = 40 };

    // M: a three-phase car at 16 A whose charger missed its latest read; B beside it at 16 A. 80 A grid, 20 A nobody controls.
    private static readonly ConnectorInput M = Car("m", drawA: 16, maxA: 16) with
    {
        LastLimitA = 16,
        CommittedA = 16,
        FailsafeCurrentA = 6,
        IsStale = true,
        KeepsLimitThroughMissedRead = true,
    };

    private static readonly ConnectorInput B = Car("b", drawA: 16, maxA: 16) with { LastLimitA = 16, CommittedA = 16 };

    [Fact]
    public void Under_a_meter_that_reads_within_its_limit_it_keeps_its_last_limit()
    {
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, [Grid(80, meteredA: PhaseCurrents.All(52))], M, B));

        Assert.Equal(16, result.Connectors[0].LimitA);
        Assert.Equal(AllocationReason.StaleData, result.Connectors[0].Reason);
    }

    [Fact]
    public void Without_the_mark_a_stale_connector_is_sent_its_failsafe()
    {
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, [Grid(80, meteredA: PhaseCurrents.All(52))], M with { KeepsLimitThroughMissedRead = false }, B));

        Assert.Equal(6, result.Connectors[0].LimitA);
    }

    [Fact]
    public void Under_a_meter_that_reads_over_its_limit_it_is_sent_its_failsafe()
    {
        // 82 A read on L2 against the 80 A fuse: a real overload, every cut may be needed, the stale car's too.
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, [Grid(80, meteredA: new PhaseCurrents(52, 82, 52))], M, B));

        Assert.Equal(6, result.Connectors[0].LimitA);
    }

    [Fact]
    public void Under_a_meter_that_reads_within_the_margin_it_keeps_its_limit_and_the_others_are_cut_around_it()
    {
        // 78 A read on L2 against 80 − 3: the plan cuts B, not the car whose charger it cannot read.
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, [Grid(80, meteredA: new PhaseCurrents(52, 78, 52))], M, B));

        Assert.Equal(16, result.Connectors[0].LimitA);
        Assert.True(result.Connectors[1].LimitA < 16, $"B kept {result.Connectors[1].LimitA} A with the grid read 1 A over its target");
    }

    [Fact]
    public void Under_a_circuit_meter_that_reads_over_it_is_sent_its_failsafe_though_the_grid_reads_within()
    {
        var nodes = new[] { Grid(200, meteredA: PhaseCurrents.All(52)), Circuit("deck", 0, 40, meteredA: PhaseCurrents.All(41)) };
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, nodes, M with { CircuitIndex = 1 }, B with { CircuitIndex = 1 }));

        Assert.Equal(6, result.Connectors[0].LimitA);
    }

    [Fact]
    public void In_the_grid_meters_fallback_it_is_sent_its_failsafe()
    {
        var silent = Grid(80) with { Meter = new NodeMeasurement(PhaseCurrents.All(52), Now.AddSeconds(-10), IsStale: true) };
        var result = Run(new FairShareStrategy(), Snapshot(LiveSettings, [silent], M, B));

        Assert.True(result.GridFallbackActive);
        Assert.Equal(6, result.Connectors[0].LimitA);
    }
}
