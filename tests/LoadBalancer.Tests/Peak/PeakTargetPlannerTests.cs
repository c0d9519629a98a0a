using ChargeNet.LoadBalancer.Peak;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>The cycle's target: the level already paid, raised to what departures need, kept as a window average.</summary>
public sealed class PeakTargetPlannerTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromMinutes(5);

    // Now is 12:00 UTC. The 10:00 hour averaged 20 kW (billed so far); the open 12:00 hour has had
    // 10 kW for 30 minutes (5 kWh), so now is 12:30.
    private static PeakTracker Tracker(PowerTariff? tariff = null)
    {
        var tracker = new PeakTracker(tariff ?? new PowerTariff());
        tracker.Add(Now.AddHours(-2), Now.AddHours(-1), 20_000);
        tracker.Add(Now, Now.AddMinutes(30), 10_000);
        return tracker;
    }

    private static SiteSnapshot At30(params ConnectorInput[] cars) => Snapshot(Settings(), [Grid(250)], cars) with { Time = Now.AddMinutes(30) };

    [Fact]
    public void The_paid_level_is_the_target_and_the_rest_of_the_window_may_use_what_its_start_left()
    {
        // Level 20 kW (paid). The hour may have 20 kWh; it had 5: 15 kWh in the 30 minutes left → 30 kW now.
        var decision = PeakTargetPlanner.Decide(Tracker(), At30(), baseLoadW: 0, ceilingW: 172_500, Cycle, new EnergyNeed[4]);

        Assert.Equal(20_000, decision.LevelW, 6);
        Assert.Equal(30_000, decision.CapW!.Value, 6);
        Assert.False(decision.Raised);
    }

    [Fact]
    public void Departures_that_need_more_raise_the_target_and_say_so()
    {
        // A 3-phase car (32 A × 690 V = 22.08 kW at most) wants 20 kWh by 13:30, one hour: 20 kW; the
        // building draws 5 kW: 25 kW, above the 20 kW paid. The hour may have 25 kWh, had 5: 40 kW now.
        var car = Car("a") with { EnergyWantedWh = 20_000, DepartureAt = Now.AddMinutes(90) };

        var decision = PeakTargetPlanner.Decide(Tracker(), At30(car), baseLoadW: 5_000, ceilingW: 172_500, Cycle, new EnergyNeed[4]);

        Assert.Equal(25_000, decision.LevelW, 6);
        Assert.Equal(40_000, decision.CapW!.Value, 6);
        Assert.True(decision.Raised);
    }

    [Fact]
    public void Never_above_the_ceiling_and_no_cap_when_the_window_is_not_billed()
    {
        var car = Car("a") with { EnergyWantedWh = 20_000, DepartureAt = Now.AddMinutes(90) };
        var capped = PeakTargetPlanner.Decide(Tracker(), At30(car), baseLoadW: 0, ceilingW: 15_000, Cycle, new EnergyNeed[4]);
        Assert.Equal(15_000, capped.LevelW, 6);
        Assert.Equal(15_000, capped.CapW!.Value, 6);

        // Only 07–12 counts: the 12:00 hour is free.
        var mornings = PeakTargetPlanner.Decide(Tracker(new PowerTariff { FromHour = 7, ToHour = 12 }), At30(car), baseLoadW: 0, ceilingW: 172_500, Cycle, new EnergyNeed[4]);
        Assert.Null(mornings.CapW);
    }

    [Fact]
    public void A_car_without_a_departure_is_planned_to_stay_the_assumed_time()
    {
        // Plugged in at 11:00 (Sites.Car), assumed stay 3 h: leaves at 14:00, 1.5 h after 12:30. It wants
        // 45 kWh, of which it can take 22.08 kW × 1.5 h = 33.12 kWh: 22.08 kW, above the 20 kW paid.
        // Without an assumed stay it is not in the plan.
        var car = Car("a") with { EnergyWantedWh = 45_000 };
        var snapshot = At30(car);

        var assumed = PeakTargetPlanner.Decide(Tracker(), snapshot with { Settings = snapshot.Settings with { AssumedStay = TimeSpan.FromHours(3) } }, 0, 172_500, Cycle, new EnergyNeed[4]);
        var unknown = PeakTargetPlanner.Decide(Tracker(), snapshot, 0, 172_500, Cycle, new EnergyNeed[4]);

        Assert.Equal(22_080, assumed.LevelW, 6);
        Assert.Equal(20_000, unknown.LevelW, 6);
    }
}
