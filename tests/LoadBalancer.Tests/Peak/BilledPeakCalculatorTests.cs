using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>The billed peak of power readings under each tariff shape, computed by hand in each test's comment.</summary>
public sealed class BilledPeakCalculatorTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    // Wednesday 2026-01-14, Stockholm local time (UTC+1).
    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 1, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Fact]
    public void The_highest_hour_is_the_highest_clock_hour_average_not_the_highest_moment()
    {
        // 10:00–10:30 at 10 kW, 10:30–11:00 at 30 kW: hour 10 averages 20 kW. 12:00–13:00 at 15 kW.
        // Highest hour: 20 kW. Highest quarter-hour: 30 kW (10:30–10:45).
        var readings = new[] { (Local(14, 10), 10_000.0), (Local(14, 10, 30), 30_000.0), (Local(14, 11), 0.0), (Local(14, 12), 15_000.0), (Local(14, 13), 0.0) };

        var hour = BilledPeakCalculator.Compute(new PowerTariff { TimeZone = Stockholm }, readings, TimeSpan.FromHours(1));
        var quarter = BilledPeakCalculator.Compute(new PowerTariff { TimeZone = Stockholm, Window = TimeSpan.FromMinutes(15) }, readings, TimeSpan.FromHours(1));

        Assert.Equal(20_000, Assert.Single(hour).BilledW, 6);
        Assert.Equal(30_000, Assert.Single(quarter).BilledW, 6);
    }

    [Fact]
    public void A_reading_across_a_window_boundary_is_split_by_time()
    {
        // 12 kW from 10:50 to 11:10: 10 minutes in each hour, 2 kW average in each.
        var readings = new[] { (Local(14, 10, 50), 12_000.0), (Local(14, 11, 10), 0.0) };

        var month = Assert.Single(BilledPeakCalculator.Compute(new PowerTariff { TimeZone = Stockholm }, readings, TimeSpan.Zero));

        Assert.Equal(2_000, month.BilledW, 6);
    }

    [Fact]
    public void The_mean_of_the_three_highest_weekday_hours_7_to_19_one_per_day()
    {
        // Mon 12th 08:00 10 kW and 09:00 12 kW (one per day: 12); Tue 13th 08:00 9 kW; Wed 14th 20:00
        // 50 kW (after 19:00: not counted); Sat 17th 10:00 40 kW (weekend); Thu 15th 10:00 6 kW.
        // One per day: mean(12, 9, 6) = 9 kW. Without one per day: mean(12, 10, 9) = 10.333 kW.
        var readings = new[]
        {
            (Local(12, 8), 10_000.0), (Local(12, 9), 12_000.0), (Local(12, 10), 0.0),
            (Local(13, 8), 9_000.0), (Local(13, 9), 0.0),
            (Local(14, 20), 50_000.0), (Local(14, 21), 0.0),
            (Local(15, 10), 6_000.0), (Local(15, 11), 0.0),
            (Local(17, 10), 40_000.0), (Local(17, 11), 0.0),
        };
        var sollentuna = new PowerTariff { TimeZone = Stockholm, Count = 3, OnePerDay = true, FromHour = 7, ToHour = 19, Days = Weekdays() };

        var onePerDay = Assert.Single(BilledPeakCalculator.Compute(sollentuna, readings, TimeSpan.Zero));
        var anyHours = Assert.Single(BilledPeakCalculator.Compute(sollentuna with { OnePerDay = false }, readings, TimeSpan.Zero));

        Assert.Equal(9_000, onePerDay.BilledW, 6);
        Assert.Equal([12_000, 9_000, 6_000], onePerDay.CountedW);
        Assert.Equal(31_000.0 / 3, anyHours.BilledW, 6);
    }

    [Fact]
    public void Each_month_is_billed_on_its_own_in_the_tariffs_time_zone()
    {
        // 2026-01-31 23:30 local is 22:30 UTC: 8 kW until 00:30 local on 1 February. January's last
        // hour averages 4 kW, February's first 4 kW; 3 kW on 2 February 12:00–13:00.
        var readings = new[] { (new DateTimeOffset(2026, 1, 31, 22, 30, 0, TimeSpan.Zero), 8_000.0), (new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero), 0.0), (new DateTimeOffset(2026, 2, 2, 11, 0, 0, TimeSpan.Zero), 3_000.0) };

        var months = BilledPeakCalculator.Compute(new PowerTariff { TimeZone = Stockholm }, readings, TimeSpan.FromHours(1));

        Assert.Equal([(2026, 1, 4_000.0), (2026, 2, 4_000.0)], months.Select(m => (m.Year, m.Month, Math.Round(m.BilledW, 6))));
    }

    [Fact]
    public void Readings_out_of_order_are_refused()
    {
        var readings = new[] { (Local(14, 11), 1.0), (Local(14, 10), 1.0) };

        var error = Assert.Throws<ArgumentException>(() => BilledPeakCalculator.Compute(new PowerTariff(), readings, TimeSpan.Zero));

        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_free_level_is_what_the_open_window_may_reach_without_raising_the_bill()
    {
        // Highest hour: after hours of 20 kW and 15 kW, the open hour may reach 20 kW for free.
        var highest = new PeakTracker(new PowerTariff { TimeZone = Stockholm });
        highest.Add(Local(14, 10), Local(14, 11), 20_000);
        highest.Add(Local(14, 11), Local(14, 12), 15_000);
        highest.Add(Local(14, 12), Local(14, 12, 30), 10_000);
        Assert.Equal(20_000, highest.FreeLevelW, 6);
        Assert.Equal(20_000, highest.BilledPeakW, 6);

        // Three highest one per day: days of 12, 9 and 6 kW; on a fourth day anything up to the third
        // highest other day (6 kW) is free, and up to that day's own highest so far (8 kW) once it has one.
        var threeDays = new PeakTracker(new PowerTariff { TimeZone = Stockholm, Count = 3, OnePerDay = true });
        threeDays.Add(Local(12, 8), Local(12, 9), 12_000);
        threeDays.Add(Local(13, 8), Local(13, 9), 9_000);
        threeDays.Add(Local(14, 8), Local(14, 9), 6_000);
        threeDays.Add(Local(15, 8), Local(15, 8, 30), 0);
        Assert.Equal(6_000, threeDays.FreeLevelW, 6);
        threeDays.Add(Local(15, 9), Local(15, 10), 8_000);
        threeDays.Add(Local(15, 10), Local(15, 10, 1), 0);
        Assert.Equal(8_000, threeDays.FreeLevelW, 6);
        Assert.Equal((12_000 + 9_000 + 8_000) / 3.0, threeDays.BilledPeakW, 6);

        // Outside the counted hours nothing is billed: no level.
        var daytime = new PeakTracker(new PowerTariff { TimeZone = Stockholm, FromHour = 7, ToHour = 19 });
        daytime.Add(Local(14, 22), Local(14, 22, 5), 1_000);
        Assert.Equal(double.PositiveInfinity, daytime.FreeLevelW);
    }

    [Fact]
    public void Capacity_steps_and_the_price_per_kw_make_the_monthly_charge()
    {
        var norway = new PowerTariff { Steps = [new(0, 130), new(2, 215), new(5, 345)], PricePerKw = 10 };

        Assert.Equal(130 + 10, norway.MonthlyCharge(1), 9);
        Assert.Equal(215 + 20, norway.MonthlyCharge(2), 9);
        Assert.Equal(345 + 70, norway.MonthlyCharge(7), 9);
    }

    private static HashSet<DayOfWeek> Weekdays() => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}
