namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// How a network operator bills the site's highest power each month (docs/configuration.md,
/// <c>grid.powerTariff</c>): the average power of each clock-aligned window (15 or 60 minutes) that
/// falls in the counted hours and days is a candidate; the billed peak of a month is the mean of its
/// <see cref="Count"/> highest candidates, at most one per day when <see cref="OnePerDay"/>.
/// </summary>
public sealed record PowerTariff
{
    /// <summary>The length of the averaging window; windows start on the clock (xx:00, xx:15, …) in <see cref="TimeZone"/>.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many of the highest windows are averaged (1: the month's highest).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Whether at most one window per day counts (the day's highest).</summary>
    public bool OnePerDay { get; init; }

    /// <summary>The first local hour that counts (0–23).</summary>
    public int FromHour { get; init; }

    /// <summary>The local hour at which counting stops (1–24, after <see cref="FromHour"/>).</summary>
    public int ToHour { get; init; } = 24;

    /// <summary>The days that count; empty: every day.</summary>
    public IReadOnlySet<DayOfWeek> Days { get; init; } = new HashSet<DayOfWeek>();

    /// <summary>The zone of the hours, days and months.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The price per kW of the billed peak, per month.</summary>
    public double PricePerKw { get; init; }

    /// <summary>Fixed monthly prices by the step the billed peak falls in (Norway's capacity steps), by ascending <see cref="PowerTariffStep.FromKw"/>.</summary>
    public IReadOnlyList<PowerTariffStep> Steps { get; init; } = [];

    /// <summary>The local time of <paramref name="time"/> in the tariff's zone.</summary>
    public DateTime Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, TimeZone).DateTime;

    /// <summary>The start of the window that contains <paramref name="time"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset time)
    {
        // Aligned in local time, so zones with a half-hour offset still bill xx:00–xx:15 local.
        var local = TimeZoneInfo.ConvertTime(time, TimeZone);
        var intoWindow = local.TimeOfDay.Ticks % Window.Ticks;
        return time - TimeSpan.FromTicks(intoWindow);
    }

    /// <summary>Whether the window starting at <paramref name="windowStart"/> is counted for the bill.</summary>
    public bool Counts(DateTimeOffset windowStart)
    {
        var local = Local(windowStart);
        return local.Hour >= FromHour && local.Hour < ToHour && (Days.Count == 0 || Days.Contains(local.DayOfWeek));
    }

    /// <summary>What a month costs with <paramref name="billedPeakKw"/> as its billed peak.</summary>
    public double MonthlyCharge(double billedPeakKw)
    {
        var fixedPrice = 0.0;
        foreach (var step in Steps)
        {
            if (billedPeakKw >= step.FromKw)
            {
                fixedPrice = step.PricePerMonth;
            }
        }

        return fixedPrice + (PricePerKw * billedPeakKw);
    }
}
