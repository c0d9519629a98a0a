using ChargeNet.EdgeAgent.Peak;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Peak;

/// <summary>
/// A cycle planned twice (a cut that queued) plans the second time with what the site's bill hook decided the first time, and
/// with everything else as the site model has it now (docs/control-loop.md, "A cut that queues is planned for at once").
/// </summary>
public sealed class EconomicLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_rebuilt_snapshot_keeps_the_hooks_target_waits_and_needs_and_its_own_limits_in_flight()
    {
        var departure = Now.AddHours(3);
        var applied = Snapshot(lastLimitA: 16, queued: false) with
        {
            Constraints = SiteConstraints.None with { SitePowerTargetKw = 22 },
            Connectors = [Connector("cp/1", 16, queued: false) with { WaitsForCheaperEnergy = true, DepartureAt = departure, EnergyWantedWh = 9_000 }],
        };
        var rebuilt = Snapshot(lastLimitA: 10, queued: true);

        var second = rebuilt.WithEconomicLimitsOf(applied);

        Assert.Equal(22, second.Constraints.SitePowerTargetKw);
        var connector = Assert.Single(second.Connectors);
        Assert.True(connector.WaitsForCheaperEnergy);
        Assert.Equal(departure, connector.DepartureAt);
        Assert.Equal(9_000, connector.EnergyWantedWh);

        // What the sends of the first plan changed comes from the model, not from the first snapshot.
        Assert.Equal(10, connector.LastLimitA);
        Assert.True(connector.LimitQueued);
    }

    [Fact]
    public void Snapshots_of_other_connectors_are_refused()
    {
        var applied = Snapshot(lastLimitA: 16, queued: false);
        var other = applied with { Connectors = [Connector("cp/2", 16, queued: false)] };
        Assert.Throws<ArgumentException>(() => other.WithEconomicLimitsOf(applied));
    }

    private static SiteSnapshot Snapshot(double lastLimitA, bool queued) => new()
    {
        Time = Now,
        Nodes = [new CircuitNode { Id = "grid", MaxCurrentA = new PhaseCurrents(63, 63, 63) }],
        Connectors = [Connector("cp/1", lastLimitA, queued)],
        Settings = new BalancerSettings { FallbackCurrentA = 20 },
    };

    private static ConnectorInput Connector(string id, double lastLimitA, bool queued) => new()
    {
        Id = id,
        CircuitIndex = 0,
        MaxCurrentA = 32,
        LastLimitA = lastLimitA,
        LimitQueued = queued,
    };
}
