using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>The peak target as a constraint of the allocator (docs/load-balancing.md, "Peak target"): it holds the site's power, the fuse and the fallback still win.</summary>
public sealed class PeakTargetAllocationTests
{
    [Fact]
    public void The_target_holds_the_whole_sites_power_load_nobody_controls_included()
    {
        // The building draws 10 A on each phase: 3 × 10 × 230 V = 6.9 kW. A 20 kW target leaves 13.1 kW,
        // 18.99 A of 3-phase cars (0.69 kW per A): 9 A each (12.42 kW); a 19th ampere would make 20.01 kW.
        var site = Snapshot(Settings(), [Grid(63, PhaseCurrents.All(10))], Car("a"), Car("b")) with { Constraints = new SiteConstraints { SitePowerTargetKw = 20 } };

        var result = Run(new FairShareStrategy(), site);

        Assert.Equal([9, 9], Limits(result));
        Assert.Equal(AllocationReason.PeakTarget, result.Connectors[0].Reason);
    }

    [Fact]
    public void The_fuse_and_the_fallback_win_over_a_higher_target()
    {
        // A 16 A fuse under a 100 kW target: 8 A each, held by the fuse.
        var fused = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(16)], Car("a"), Car("b")) with { Constraints = new SiteConstraints { SitePowerTargetKw = 100 } });
        Assert.Equal([8, 8], Limits(fused));
        Assert.Equal(AllocationReason.NodeCurrentLimit, fused.Connectors[0].Reason);

        // A stale grid meter: the 20 A fallback holds, whatever the target.
        var grid = Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.Zero, Now.AddSeconds(-4)) };
        var fallback = Run(new FairShareStrategy(), Snapshot(Settings(fallbackA: 20), [grid], Car("a"), Car("b")) with { Constraints = new SiteConstraints { SitePowerTargetKw = 100 } });
        Assert.Equal([10, 10], Limits(fallback));
        Assert.True(fallback.GridFallbackActive);
    }

    [Fact]
    public void A_target_that_does_not_bind_changes_nothing_and_one_below_the_building_load_pauses_the_cars()
    {
        var site = Snapshot(Settings(), [Grid(40, PhaseCurrents.All(10))], Car("a", maxA: 16), Car("b"), Car("c", carPhases: 1) with { WiredPhases = 1 });

        var none = Limits(Run(new FairShareStrategy(), site));
        var high = Limits(Run(new FairShareStrategy(), site with { Constraints = new SiteConstraints { SitePowerTargetKw = 1000 } }));
        var low = Run(new FairShareStrategy(), site with { Constraints = new SiteConstraints { SitePowerTargetKw = 5 } });

        Assert.Equal(none, high);
        Assert.Equal([0, 0, 0], Limits(low));
    }

    [Fact]
    public void A_car_the_target_pauses_says_it_is_the_peak_target_and_one_the_fuse_pauses_says_capacity()
    {
        // 6.9 kW of building load under a 10 kW target: 3.1 kW is less than a 3-phase car's 6 A (4.14 kW).
        var site = Snapshot(Settings(), [Grid(40, PhaseCurrents.All(10))], Car("a"), Car("b"));
        var held = Run(new FairShareStrategy(), site with { Constraints = new SiteConstraints { SitePowerTargetKw = 10 } });
        Assert.Equal([0, 0], Limits(held));
        Assert.All(held.Connectors.ToArray(), c => Assert.Equal(AllocationReason.PeakTarget, c.Reason));

        // A 20 A fuse (10 A left) has room for one minimum only, under a target far above: the fuse pauses the other.
        var fused = Run(new FairShareStrategy(), site with { Nodes = [Grid(20, PhaseCurrents.All(10))], Constraints = new SiteConstraints { SitePowerTargetKw = 100 } });
        Assert.Equal(0, Limits(fused).Min());
        Assert.Contains(fused.Connectors.ToArray(), c => c.LimitA == 0 && c.Reason == AllocationReason.PausedForCapacity);
    }

    [Fact]
    public void A_negative_target_is_refused_naming_it()
    {
        var site = Snapshot(Settings(), [Grid(40)], Car("a")) with { Constraints = new SiteConstraints { SitePowerTargetKw = -1 } };

        var error = Assert.Throws<ArgumentException>(() => Run(new FairShareStrategy(), site));

        Assert.Contains("SitePowerTargetKw", error.Message, StringComparison.Ordinal);
    }
}
