namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// One tariff: the prices a session pays (docs/pricing.md). A price left out is 0; a bound or
/// <see cref="Spot"/> left out is none. Money in decimal, never binary floating point.
/// </summary>
public sealed record TariffSettings
{
    public string Id { get; init; } = "";

    /// <summary>What drivers are shown, e.g. "Public charging".</summary>
    public string? Name { get; init; }

    /// <summary>Per kWh outside every period and where no spot price covers the moment.</summary>
    public decimal EnergyPerKwh { get; init; }

    /// <summary>Per hour the session lasts, plugged in to plugged out.</summary>
    public decimal PerHour { get; init; }

    /// <summary>Once per session.</summary>
    public decimal SessionFee { get; init; }

    /// <summary>Per hour the car drew under 1 A while offered at least its minimum, beyond the grace.</summary>
    public decimal IdlePerHour { get; init; }

    /// <summary>How many minutes of idle time are free before <see cref="IdlePerHour"/> counts.</summary>
    public decimal IdleGraceMinutes { get; init; }

    /// <summary>A session's total is raised to at least this.</summary>
    public decimal? MinCost { get; init; }

    /// <summary>A session's total is lowered to at most this.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Times of the week with another energy price; the first that matches wins.</summary>
    public IReadOnlyList<TariffPeriodSettings> Periods { get; init; } = [];

    /// <summary>An energy price that follows the spot prices the cloud sends.</summary>
    public SpotPriceSettings? Spot { get; init; }
}
