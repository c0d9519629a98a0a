using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// <c>grid.powerTariff</c>: how the network operator bills the month's highest power
/// (docs/configuration.md, "Power tariff"). Checked by <see cref="PowerTariffRules"/>.
/// </summary>
public sealed record PowerTariffSettings
{
    /// <summary>15 or 60.</summary>
    public int WindowMinutes { get; init; } = 60;

    /// <summary><c>highest</c> or <c>meanOfHighest</c> (with <see cref="Count"/>).</summary>
    public string BilledPeak { get; init; } = PowerTariffShapes.Highest;

    /// <summary>For <c>meanOfHighest</c>: how many of the highest windows are averaged.</summary>
    public int? Count { get; init; }

    /// <summary>At most one window per day counts.</summary>
    public bool OnePerDay { get; init; }

    /// <summary>The local hours that count; null: all day.</summary>
    public PowerTariffHours? Hours { get; init; }

    /// <summary>The days that count (<c>mon</c> … <c>sun</c>); null or empty: every day.</summary>
    public IReadOnlyList<string>? Days { get; init; }

    /// <summary>The IANA zone of the hours, days and months (e.g. <c>Europe/Stockholm</c>).</summary>
    public string TimeZone { get; init; } = "";

    /// <summary>The currency of the prices (display only).</summary>
    public string? Currency { get; init; }

    /// <summary>Price per kW of the billed peak, per month.</summary>
    public double PricePerKw { get; init; }

    /// <summary>A car whose departure is not known is planned to leave this long after it plugged in (docs/load-balancing.md, "Peak target").</summary>
    public double AssumedStayHours { get; init; } = 4;

    /// <summary>A car whose energy need is not known is planned to want this much (kWh) in its session.</summary>
    public double AssumedEnergyKwh { get; init; } = 20;

    /// <summary>Optional capacity steps: a fixed monthly price by the step the billed peak falls in.</summary>
    public IReadOnlyList<PowerTariffStepSettings>? Steps { get; init; }

    /// <summary>The tariff for the balancer; only for settings that <see cref="PowerTariffRules"/> accepted.</summary>
    public PowerTariff ToTariff() => new()
    {
        Window = TimeSpan.FromMinutes(WindowMinutes),
        Count = BilledPeak == PowerTariffShapes.MeanOfHighest ? Count ?? 1 : 1,
        OnePerDay = OnePerDay,
        FromHour = Hours?.From ?? 0,
        ToHour = Hours?.To ?? 24,
        Days = (Days ?? []).Select(PowerTariffShapes.DayOf).ToHashSet(),
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        PricePerKw = PricePerKw,
        Steps = [.. (Steps ?? []).OrderBy(s => s.FromKw).Select(s => new PowerTariffStep(s.FromKw, s.PricePerMonth))],
    };
}
