using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>The least constant power that meets every departure, worked by hand in each comment.</summary>
public sealed class DepartureRequirementTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cycle = TimeSpan.FromMinutes(5);

    private static EnergyNeed Need(double kwh, double maxKw, double hours) => new(kwh * 1000, maxKw * 1000, Now + TimeSpan.FromHours(hours));

    [Fact]
    public void One_car_needs_its_energy_spread_over_its_stay()
    {
        // 10 kWh in 2 h: 5 kW.
        Assert.Equal(5_000, DepartureRequirement.RequiredW(Now, [Need(10, 11, 2)], Cycle), 6);
    }

    [Fact]
    public void The_tightest_horizon_decides()
    {
        // A: 10 kWh by 1 h; B: 10 kWh by 4 h. By 1 h: 10 kWh (B can take 33 kWh after) → 10 kW;
        // by 4 h: 20 kWh → 5 kW. Required: 10 kW.
        Assert.Equal(10_000, DepartureRequirement.RequiredW(Now, [Need(10, 11, 1), Need(10, 11, 4)], Cycle), 6);
    }

    [Fact]
    public void A_car_that_must_start_at_full_power_counts_from_the_moment_it_must_start()
    {
        // A: 6 kWh at most 6 kW by 2 h (it must run from 1 h at the latest); B: 2 kWh at most 2 kW by
        // 1 h. By 1 h: 2 kWh → 2 kW; by 2 h: 8 kWh → 4 kW. Required: 4 kW (hour 1: B 2 + A 2; hour 2: A 4).
        Assert.Equal(4_000, DepartureRequirement.RequiredW(Now, [Need(6, 6, 2), Need(2, 2, 1)], Cycle), 6);
    }

    [Fact]
    public void What_a_car_cannot_take_before_it_leaves_is_left_out_and_a_past_departure_is_due_within_a_cycle()
    {
        // 20 kWh at 11 kW in 1 h: only 11 kWh can be had → 11 kW. A departure that has passed: due in
        // one cycle, at most its full power (11 kW × 5 min).
        Assert.Equal(11_000, DepartureRequirement.RequiredW(Now, [Need(20, 11, 1)], Cycle), 6);
        Assert.Equal(11_000, DepartureRequirement.RequiredW(Now, [Need(20, 11, -1)], Cycle), 6);
        Assert.Equal(0, DepartureRequirement.RequiredW(Now, [], Cycle));
    }
}
