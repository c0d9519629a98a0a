using System.Globalization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The rules of the pricing parts of a site configuration beyond the schema (docs/configuration.md,
/// docs/pricing.md): the time zone, tariff references and ids, prices, periods, authorization and
/// the open station data. Called by <see cref="SiteConfigurationValidator"/>.
/// </summary>
internal static class PricingRules
{
    /// <summary>Prices per kWh or hour: at most 4 decimals (OCPI 2.2.1 numbers carry 4).</summary>
    private const int PriceDecimals = 4;

    /// <summary>Amounts (a fee, a bound on the total, the VAT rate): at most 2 decimals.</summary>
    private const int AmountDecimals = 2;

    public static void Validate(SiteConfiguration site, Action<string, string> error, Action<string, string> warn)
    {
        if (!SiteTimeZone.TryFind(site.TimeZone, out _))
        {
            error("$.timeZone", $"'{site.TimeZone}' is not an IANA time zone this system knows (e.g. Europe/Stockholm)");
        }

        var tariffs = site.Pricing is { } pricing ? ValidatePricing(pricing, site.Cloud, error, warn) : null;
        for (var i = 0; i < site.Chargers.Count; i++)
        {
            if (site.Chargers[i].Tariff is not { } tariff)
            {
                continue;
            }

            if (tariffs is null)
            {
                error($"$.chargers[{i}].tariff", $"names tariff '{tariff}', but there is no $.pricing");
            }
            else if (!tariffs.ContainsKey(tariff))
            {
                error($"$.chargers[{i}].tariff", $"names tariff '{tariff}', which is not in $.pricing.tariffs");
            }
        }

        ValidateAuthorization(site.Authorization, site.Cloud, error, warn);
        ValidateLocation(site, error);
    }

    private static Dictionary<string, int> ValidatePricing(
        PricingSettings pricing, CloudSettings? cloud, Action<string, string> error, Action<string, string> warn)
    {
        Amount(pricing.VatPercent, "$.pricing.vatPercent", AmountDecimals, error);
        if (pricing.VatPercent > 100)
        {
            error("$.pricing.vatPercent", "must be at most 100");
        }

        if (pricing.Currency.Length != 3 || !pricing.Currency.All(char.IsAsciiLetterUpper))
        {
            error("$.pricing.currency", $"'{pricing.Currency}' is not an ISO 4217 code (three capital letters, e.g. SEK)");
        }

        var ids = SiteConfigurationValidator.IndexIds(pricing.Tariffs.Select(t => t.Id), "$.pricing.tariffs", error);
        if (pricing.Tariffs.Count == 0)
        {
            error("$.pricing.tariffs", "must hold at least one tariff");
        }
        else if (!ids.ContainsKey(pricing.DefaultTariff))
        {
            error("$.pricing.defaultTariff", $"names tariff '{pricing.DefaultTariff}', which is not in $.pricing.tariffs");
        }

        for (var i = 0; i < pricing.Tariffs.Count; i++)
        {
            ValidateTariff(pricing.Tariffs[i], $"$.pricing.tariffs[{i}]", error);
            if (pricing.Tariffs[i].Spot is not null && cloud is not { Enabled: true })
            {
                warn($"$.pricing.tariffs[{i}].spot", "spot prices come from the cloud, whose link is not enabled: energyPerKwh applies");
            }
        }

        return ids;
    }

    private static void ValidateTariff(TariffSettings tariff, string path, Action<string, string> error)
    {
        Amount(tariff.EnergyPerKwh, path + ".energyPerKwh", PriceDecimals, error);
        Amount(tariff.PerHour, path + ".perHour", PriceDecimals, error);
        Amount(tariff.IdlePerHour, path + ".idlePerHour", PriceDecimals, error);
        Amount(tariff.SessionFee, path + ".sessionFee", AmountDecimals, error);
        Amount(tariff.IdleGraceMinutes, path + ".idleGraceMinutes", AmountDecimals, error);
        if (tariff.IdleGraceMinutes > TimeOfDayText.MinutesPerDay)
        {
            error(path + ".idleGraceMinutes", $"must be at most {TimeOfDayText.MinutesPerDay} (a day)");
        }

        if (tariff.MinCost is { } min)
        {
            Amount(min, path + ".minCost", AmountDecimals, error);
        }

        if (tariff.MaxCost is { } max)
        {
            Amount(max, path + ".maxCost", AmountDecimals, error);
        }

        if (tariff is { MinCost: { } lower, MaxCost: { } upper } && lower > upper)
        {
            error(path + ".minCost", $"{F(lower)} is above maxCost ({F(upper)})");
        }

        if (tariff.Spot is { } spot)
        {
            Amount(spot.Multiplier, path + ".spot.multiplier", PriceDecimals, error);
            Amount(spot.MarkupPerKwh, path + ".spot.markupPerKwh", PriceDecimals, error);
        }

        for (var p = 0; p < tariff.Periods.Count; p++)
        {
            ValidatePeriod(tariff.Periods[p], $"{path}.periods[{p}]", error);
        }
    }

    private static void ValidatePeriod(TariffPeriodSettings period, string path, Action<string, string> error)
    {
        Amount(period.EnergyPerKwh, path + ".energyPerKwh", PriceDecimals, error);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < period.Days.Count; d++)
        {
            var day = period.Days[d];
            if (!WeekdayText.TryParse(day, out _))
            {
                error($"{path}.days[{d}]", $"'{day}' is not one of {string.Join(", ", WeekdayText.All)}");
            }
            else if (!seen.Add(day))
            {
                error($"{path}.days[{d}]", $"'{day}' is listed twice");
            }
        }

        var fromOk = TimeOfDayText.TryParse(period.From, allowEndOfDay: false, out var from);
        var toOk = TimeOfDayText.TryParse(period.To, allowEndOfDay: true, out var to);
        if (!fromOk)
        {
            error(path + ".from", $"'{period.From}' is not a time from 00:00 to 23:59");
        }

        if (!toOk)
        {
            error(path + ".to", $"'{period.To}' is not a time from 00:01 to 24:00");
        }

        if (fromOk && toOk && from >= to)
        {
            error(path + ".to",
                $"{period.To} is not after from ({period.From}); a period over midnight is two periods, one to 24:00 and one from 00:00");
        }
    }

    private static void ValidateAuthorization(
        AuthorizationSettings? authorization, CloudSettings? cloud, Action<string, string> error, Action<string, string> warn)
    {
        if (authorization is null)
        {
            return;
        }

        if (!AuthorizationModes.All.Contains(authorization.Mode))
        {
            error("$.authorization.mode", $"'{authorization.Mode}' is not one of {string.Join(", ", AuthorizationModes.All)}");
        }
        else if (authorization.Mode == AuthorizationModes.Cloud && cloud is not { Enabled: true })
        {
            warn("$.authorization.mode", $"'cloud' asks the cloud, whose link is not enabled: the offline rule ('{authorization.Offline}') decides every idTag");
        }

        if (!OfflineAuthorizations.All.Contains(authorization.Offline))
        {
            error("$.authorization.offline", $"'{authorization.Offline}' is not one of {string.Join(", ", OfflineAuthorizations.All)}");
        }

        if (!(authorization.CloudTimeoutS >= 1 && authorization.CloudTimeoutS <= 60))
        {
            error("$.authorization.cloudTimeoutS",
                $"must be from 1 to 60 seconds, not {authorization.CloudTimeoutS.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void ValidateLocation(SiteConfiguration site, Action<string, string> error)
    {
        if (site.Location is { } location)
        {
            if (location.Latitude is < -90 or > 90)
            {
                error("$.location.latitude", $"{F(location.Latitude)} is not between -90 and 90 degrees");
            }

            if (location.Longitude is < -180 or > 180)
            {
                error("$.location.longitude", $"{F(location.Longitude)} is not between -180 and 180 degrees");
            }
        }
        else if (site.Web is { PublicStations: true })
        {
            error("$.location", "is required when web.publicStations is true: the open station data shows where the site is");
        }
    }

    private static void Amount(decimal value, string path, int decimals, Action<string, string> error)
    {
        if (value < 0)
        {
            error(path, $"must not be negative, not {F(value)}");
        }
        else if (value.Scale > decimals && decimal.Round(value, decimals) != value)
        {
            error(path, $"{F(value)} has more than {decimals} decimals");
        }
    }

    private static string F(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
