using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// A tariff of the configuration with its periods and idle grace read once, in the form the cost
/// engine uses (docs/pricing.md).
/// </summary>
public sealed class Tariff
{
    public Tariff(TariffSettings settings)
    {
        Settings = settings;
        Periods = [.. settings.Periods.Select(TariffPeriod.From)];
        IdleGrace = TimeSpan.FromTicks((long)(settings.IdleGraceMinutes * TimeSpan.TicksPerMinute));
    }

    public TariffSettings Settings { get; }

    public string Id => Settings.Id;

    /// <summary>In the order of the configuration: the first that matches wins.</summary>
    public IReadOnlyList<TariffPeriod> Periods { get; }

    public TimeSpan IdleGrace { get; }

    /// <summary>
    /// The energy price at a moment: the spot-linked price where the spot table covers it, else the
    /// first period the local time is in, else the tariff's <c>energyPerKwh</c>.
    /// </summary>
    public decimal EnergyPriceAt(DateTimeOffset at, TimeZoneInfo zone, SpotPriceTable spot)
    {
        if (Settings.Spot is { } link && spot.TryGetPrice(at, out var spotPrice))
        {
            return (spotPrice * link.Multiplier) + link.MarkupPerKwh;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        foreach (var period in Periods)
        {
            if (period.Contains(local))
            {
                return period.EnergyPerKwh;
            }
        }

        return Settings.EnergyPerKwh;
    }
}
