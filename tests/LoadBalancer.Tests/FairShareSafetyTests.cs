using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class FairShareSafetyTests
{
    [Fact]
    public void A_stale_connector_is_counted_at_the_larger_of_its_last_limit_and_its_failsafe_and_offered_its_failsafe()
    {
        // Grid 32 A. The silent charger had 16 A, failsafe 10 A: counted 16 A, sent 10 A (safe whenever
        // it answers again). The other car gets 32 − 16 = 16 A.
        var silent = Car("silent") with { IsStale = true, LastLimitA = 16, FailsafeCurrentA = 10 };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(32)], silent, Car("ok")));

        Assert.Equal([10, 16], Limits(result));
        Assert.Equal(AllocationReason.StaleData, result.Connectors[0].Reason);
    }

    [Fact]
    public void Old_connector_data_is_stale_too()
    {
        // Measured 31 s ago with a 30 s limit: stale, counted at its failsafe 20 A; it was last sent 0 A,
        // so it stays there (a missed report never restarts a paused car).
        var quiet = Car("quiet") with { MeasuredAt = Now.AddSeconds(-31), FailsafeCurrentA = 20 };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(32)], quiet, Car("ok")));

        Assert.Equal([0, 12], Limits(result));
        Assert.Equal(AllocationReason.StaleData, result.Connectors[0].Reason);

        // Last sent 16 A, under its 20 A failsafe: kept at 16 A, never raised to the failsafe.
        var running = quiet with { LastLimitA = 16 };
        Assert.Equal([16, 12], Limits(Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(32)], running, Car("ok")))));
    }

    [Fact]
    public void A_stale_grid_meter_makes_the_fallback_current_the_site_limit()
    {
        // The meter read 0 A, but 4 s ago (3 s limit): the 100 A fuse no longer counts, the 20 A fallback does.
        var grid = Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.Zero, Now.AddSeconds(-4)) };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(fallbackA: 20), [grid], Car("a"), Car("b")));

        Assert.Equal([10, 10], Limits(result));
        Assert.True(result.GridFallbackActive);
    }

    [Fact]
    public void While_the_grid_meter_is_unknown_stale_chargers_are_offered_no_more_than_the_fallback_together()
    {
        // Issue 13 property 4: the fallback holds for stale but connected chargers too. Three stale chargers with a 10 A
        // failsafe against a 20 A fallback: offered 10 A each they would draw 30 A; the last is paused. Each is still counted
        // at the most it may hold (16 A), so the fresh car gets nothing.
        var grid = Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.Zero, Now.AddSeconds(-4)) };
        ConnectorInput Silent(string id) => Car(id) with { IsStale = true, LastLimitA = 16, FailsafeCurrentA = 10 };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(fallbackA: 20), [grid], Silent("s1"), Silent("s2"), Silent("s3"), Car("ok")));

        Assert.True(result.GridFallbackActive);
        Assert.Equal([10, 10, 0, 0], Limits(result));

        // One whose charger refuses 0 A by kind is held at its minimum (Session 22): counted, never the one paused.
        var refusing = Car("s3") with { IsStale = true, LastLimitA = 0, FailsafeCurrentA = 10, RefusesPauses = true };
        Assert.Equal([10, 0, 6], Limits(Run(new FairShareStrategy(), Snapshot(Settings(fallbackA: 20), [grid], Silent("s1"), Silent("s2"), refusing))));

        // The meter reading again: each keeps its failsafe, the fuse has room for all.
        var fresh = Grid(100) with { Meter = new NodeMeasurement(PhaseCurrents.Zero, Now) };
        Assert.Equal([10, 10, 10], Limits(Run(new FairShareStrategy(), Snapshot(Settings(fallbackA: 20), [fresh], Silent("s1"), Silent("s2"), Silent("s3")))).Take(3));
    }

    [Fact]
    public void A_curtailments_site_cap_holds_stale_chargers_too()
    {
        // §14a site cap of 15 kW: two stale three-phase chargers at a 10 A failsafe would draw 2 × 6.9 kW = 13.8 kW, three 20.7 kW.
        var stale = Car("s1") with { IsStale = true, LastLimitA = 16, FailsafeCurrentA = 10 };
        var snapshot = Snapshot(Settings(), [Grid(100)], stale, stale with { Id = "s2" }, stale with { Id = "s3" })
            with { Constraints = new SiteConstraints { SiteCapKw = 15 } };

        Assert.Equal([10, 10, 0], Limits(Run(new FairShareStrategy(), snapshot)));
    }

    [Fact]
    public void Curtailment_caps_each_charger_and_the_site()
    {
        // §14a: 4.2 kW per charger at 230 V is 6.09 A on three phases (→ 6 A) and 18.26 A on one (→ 18 A).
        var perCharger = Snapshot(Settings(), [Grid(63)], Car("three"), Car("one", carPhases: 1, drawA: 10) with { WiredPhases = 1 })
            with { Constraints = new SiteConstraints { PerChargerCapKw = 4.2 } };
        var capped = Run(new FairShareStrategy(), perCharger);
        Assert.Equal([6, 18], Limits(capped));
        Assert.Equal(AllocationReason.ChargerCurtailment, capped.Connectors[0].Reason);

        // Site cap 11 kW over two 3-phase cars: 11 000 / 690 = 15.94 A → 7.97 each → 7 A; one more whole ampere
        // fits for the first car (8 + 7 = 15 A = 10.35 kW), a second would not (16 A = 11.04 kW).
        var site = Snapshot(Settings(), [Grid(63)], Car("a"), Car("b")) with { Constraints = new SiteConstraints { SiteCapKw = 11 } };
        var siteCapped = Run(new FairShareStrategy(), site);
        Assert.Equal([8, 7], Limits(siteCapped));
        Assert.Equal(AllocationReason.SiteCurtailment, siteCapped.Connectors[1].Reason);
        Assert.Equal(11 - (15 * 0.69), siteCapped.SiteCapHeadroomKw!.Value, 9);
    }

    [Fact]
    public void Emergency_stop_puts_every_connector_to_zero()
    {
        var snapshot = Snapshot(Settings(), [Grid(63)], Car("a"), Car("b") with { IsStale = true, LastLimitA = 16 })
            with { Constraints = new SiteConstraints { EmergencyStop = true } };

        var result = Run(new FairShareStrategy(), snapshot);

        Assert.All(result.Connectors.ToArray(), c => Assert.Equal((0.0, AllocationReason.EmergencyStop), (c.LimitA, c.Reason)));
    }

    [Fact]
    public void The_same_snapshot_gives_the_same_output()
    {
        var snapshot = Snapshot(Settings(), [Grid(50), Circuit("deck", 0, 30)], Car("a", 1), Car("b", 1, maxA: 16), Car("c"), Car("d", carPhases: 1, drawA: 9));

        var first = Limits(Run(new FairShareStrategy(), snapshot));
        var second = Limits(Run(new FairShareStrategy(), snapshot));

        Assert.Equal(first, second);
    }
}
