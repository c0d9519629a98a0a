using System.Globalization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The rules of <c>grid.powerTariff</c> beyond its schema (docs/configuration.md, "Power tariff"),
/// each error naming the field: the window, the shape and its count, the hours, the days, a zone this
/// machine knows, prices that are numbers, steps in order.
/// </summary>
public static class PowerTariffRules
{
    public static void Validate(PowerTariffSettings tariff, string path, Action<string, string> error)
    {
        if (tariff.WindowMinutes is not (15 or 60))
        {
            error($"{path}.windowMinutes", $"must be 15 or 60, not {tariff.WindowMinutes}");
        }

        if (tariff.BilledPeak is not (PowerTariffShapes.Highest or PowerTariffShapes.MeanOfHighest))
        {
            error($"{path}.billedPeak", $"'{tariff.BilledPeak}' is not one of highest, meanOfHighest");
        }
        else if (tariff.BilledPeak == PowerTariffShapes.MeanOfHighest && tariff.Count is not (>= 1 and <= 31))
        {
            error($"{path}.count", "is required with meanOfHighest and must be from 1 to 31");
        }
        else if (tariff.BilledPeak == PowerTariffShapes.Highest && tariff.Count is not (null or 1))
        {
            error($"{path}.count", "must be left out (or 1) with highest");
        }

        if (tariff.Hours is { } hours && !(hours.From >= 0 && hours.To <= 24 && hours.From < hours.To))
        {
            error($"{path}.hours", $"must be whole hours with 0 ≤ from < to ≤ 24, not {hours.From}–{hours.To}");
        }

        var days = tariff.Days ?? [];
        for (var d = 0; d < days.Count; d++)
        {
            if (!PowerTariffShapes.DayNames.Contains(days[d]))
            {
                error($"{path}.days[{d}]", $"'{days[d]}' is not one of {string.Join(", ", PowerTariffShapes.DayNames)}");
            }
            else if (days.Take(d).Contains(days[d]))
            {
                error($"{path}.days[{d}]", $"'{days[d]}' is listed twice");
            }
        }

        if (string.IsNullOrWhiteSpace(tariff.TimeZone))
        {
            error($"{path}.timeZone", "is required (an IANA zone such as Europe/Stockholm)");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(tariff.TimeZone, out _))
        {
            error($"{path}.timeZone", $"'{tariff.TimeZone}' is not a time zone this machine knows");
        }

        if (!(tariff.PricePerKw >= 0 && double.IsFinite(tariff.PricePerKw)))
        {
            error($"{path}.pricePerKw", "must be a number of at least 0");
        }

        if (!(tariff.AssumedStayHours > 0 && tariff.AssumedStayHours <= 168))
        {
            error($"{path}.assumedStayHours", "must be more than 0 and at most 168 hours");
        }

        if (!(tariff.AssumedEnergyKwh > 0 && tariff.AssumedEnergyKwh <= 1000))
        {
            error($"{path}.assumedEnergyKwh", "must be more than 0 and at most 1000 kWh");
        }

        var steps = tariff.Steps ?? [];
        for (var s = 0; s < steps.Count; s++)
        {
            if (!(steps[s].FromKw >= 0 && double.IsFinite(steps[s].FromKw)) || !(steps[s].PricePerMonth >= 0 && double.IsFinite(steps[s].PricePerMonth)))
            {
                error($"{path}.steps[{s}]", "fromKw and pricePerMonth must be numbers of at least 0");
            }
            else if (s > 0 && steps[s].FromKw <= steps[s - 1].FromKw)
            {
                error($"{path}.steps[{s}].fromKw", $"{steps[s].FromKw.ToString(CultureInfo.InvariantCulture)} kW must be above the step before ({steps[s - 1].FromKw.ToString(CultureInfo.InvariantCulture)} kW)");
            }
        }
    }
}
