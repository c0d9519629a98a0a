using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>
/// The tariffs of site.json as OCPI 2.2.1 Tariff objects (docs/pricing.md, "How it maps to OCPI
/// 2.2.1 tariffs"): a period becomes an element with ENERGY and its restrictions, listed before the
/// element that always applies; prices go out excluding VAT with the VAT rate beside them.
/// </summary>
public static class OcpiTariffs
{
    /// <summary>OCPI numbers carry 4 decimals.</summary>
    private const int PriceDecimals = 4;

    public static IReadOnlyList<OcpiTariff> From(AppliedConfiguration applied) =>
        applied.Site.Pricing is { } pricing ? [.. pricing.Tariffs.Select(t => Tariff(t, pricing, applied.AppliedAt))] : [];

    private static OcpiTariff Tariff(TariffSettings tariff, PricingSettings pricing, DateTimeOffset lastUpdated)
    {
        var vat = pricing.VatPercent;
        var elements = tariff.Periods
            .Select(p => new OcpiTariffElement(
                [Component("ENERGY", p.EnergyPerKwh, vat)],
                new OcpiTariffRestrictions(p.From, p.To == "24:00" ? "00:00" : p.To, p.Days.Count == 0 ? null : [.. p.Days.Select(Day)])))
            .ToList();

        List<OcpiPriceComponent> always = [Component("ENERGY", tariff.EnergyPerKwh, vat)];
        if (tariff.PerHour > 0)
        {
            always.Add(Component("TIME", tariff.PerHour, vat));
        }

        // OCPI's PARKING_TIME is all time not charging: the per-hour price and the idle fee together.
        if (tariff.PerHour + tariff.IdlePerHour > 0)
        {
            always.Add(Component("PARKING_TIME", tariff.PerHour + tariff.IdlePerHour, vat));
        }

        if (tariff.SessionFee > 0)
        {
            always.Add(Component("FLAT", tariff.SessionFee, vat));
        }

        elements.Add(new OcpiTariffElement(always, null));
        return new OcpiTariff(
            tariff.Id, pricing.Currency, [new OcpiDisplayText("en", Description(tariff, pricing.Currency))],
            Price(tariff.MinCost, vat), Price(tariff.MaxCost, vat), elements, lastUpdated);
    }

    // OCPI has no grace before PARKING_TIME: it is said in words.
    private static string Description(TariffSettings tariff, string currency) =>
        (tariff.Name ?? tariff.Id) + (tariff.IdlePerHour > 0
            ? $"; idle fee {Text(tariff.IdlePerHour)} {currency}/h after {Text(tariff.IdleGraceMinutes)} min without charging"
            : "");

    private static OcpiPriceComponent Component(string type, decimal priceInclVat, decimal vatPercent) =>
        new(type, ExclVat(priceInclVat, vatPercent, PriceDecimals), vatPercent, 1);

    private static OcpiPrice? Price(decimal? inclVat, decimal vatPercent) =>
        inclVat is { } amount ? new OcpiPrice(ExclVat(amount, vatPercent, 2), amount) : null;

    private static decimal ExclVat(decimal inclVat, decimal vatPercent, int decimals) =>
        decimal.Round(inclVat * 100 / (100 + vatPercent), decimals, MidpointRounding.AwayFromZero);

    private static string Day(string day) =>
        WeekdayText.TryParse(day, out var d) ? d.ToString().ToUpperInvariant() : throw new ArgumentException($"'{day}' is not a day", nameof(day));

    private static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
