namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The prices a session pays at one moment under one tariff (docs/pricing.md): what a charger's
/// display and the driver's page show. All prices include VAT, in <see cref="Currency"/>.
/// </summary>
/// <param name="EnergyPerKwh">The energy price in force at the moment (spot-linked, a period's or the tariff's).</param>
/// <param name="IdleGraceMinutes">Idle minutes that are free before <paramref name="IdlePerHour"/> counts.</param>
public sealed record PriceNow(
    string TariffId,
    string? TariffName,
    string Currency,
    decimal EnergyPerKwh,
    decimal PerHour,
    decimal SessionFee,
    decimal IdlePerHour,
    decimal IdleGraceMinutes)
{
    public static PriceNow Of(TariffPricing pricing, SpotPriceTable spot, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        var tariff = pricing.Tariff;
        var prices = spot.Currency == pricing.Currency ? spot : SpotPriceTable.Empty;
        return new PriceNow(tariff.Id, tariff.Settings.Name, pricing.Currency, tariff.EnergyPriceAt(at, pricing.TimeZone, prices),
            tariff.Settings.PerHour, tariff.Settings.SessionFee, tariff.Settings.IdlePerHour, tariff.Settings.IdleGraceMinutes);
    }

    /// <summary>One line a display can show, e.g. "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min".</summary>
    public string Text()
    {
        var parts = new List<string> { $"{Amount(EnergyPerKwh)} {Currency}/kWh" };
        if (PerHour != 0)
        {
            parts.Add($"{Amount(PerHour)} {Currency}/h");
        }

        if (SessionFee != 0)
        {
            parts.Add($"{Amount(SessionFee)} {Currency} per session");
        }

        if (IdlePerHour != 0)
        {
            parts.Add($"idle {Amount(IdlePerHour)} {Currency}/h after {IdleGraceMinutes.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} min");
        }

        return string.Join(", ", parts);
    }

    // Prices carry up to 4 decimals (docs/pricing.md); shown with at least 2.
    private static string Amount(decimal value) => value.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture);
}
