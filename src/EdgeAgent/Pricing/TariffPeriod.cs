using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A tariff period read once: its days, its local minutes [from, to) and its energy price.</summary>
public sealed record TariffPeriod(IReadOnlySet<DayOfWeek> Days, int FromMinute, int ToMinute, decimal EnergyPerKwh)
{
    /// <summary>From a validated configuration; no days means every day.</summary>
    public static TariffPeriod From(TariffPeriodSettings settings)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var day in settings.Days)
        {
            days.Add(WeekdayText.TryParse(day, out var d) ? d : throw new ArgumentException($"'{day}' is not a day", nameof(settings)));
        }

        if (days.Count == 0)
        {
            days.UnionWith(Enum.GetValues<DayOfWeek>());
        }

        return TimeOfDayText.TryParse(settings.From, allowEndOfDay: false, out var from)
            && TimeOfDayText.TryParse(settings.To, allowEndOfDay: true, out var to)
            && from < to
            ? new TariffPeriod(days, from, to, settings.EnergyPerKwh)
            : throw new ArgumentException($"'{settings.From}'–'{settings.To}' is not a period", nameof(settings));
    }

    /// <summary>Whether a local moment is in the period: on one of its days, from inclusive, to exclusive.</summary>
    public bool Contains(DateTime local)
    {
        var minute = (decimal)local.TimeOfDay.Ticks / TimeSpan.TicksPerMinute;
        return Days.Contains(local.DayOfWeek) && minute >= FromMinute && minute < ToMinute;
    }
}
