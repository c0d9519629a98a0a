using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The pricing of a site as the cost engine uses it: its tariffs by id, the default, the currency,
/// VAT rate and time zone; and which tariff a session pays (docs/pricing.md, "Which tariff").
/// </summary>
public sealed class SitePricing
{
    private readonly Dictionary<string, Tariff> _tariffs;
    private readonly Dictionary<string, string?> _chargerTariffs;
    private readonly string _defaultTariff;

    private SitePricing(PricingSettings pricing, TimeZoneInfo zone, IReadOnlyList<ChargerSettings> chargers)
    {
        Currency = pricing.Currency;
        VatPercent = pricing.VatPercent;
        TimeZone = zone;
        _tariffs = pricing.Tariffs.ToDictionary(t => t.Id, t => new Tariff(t), StringComparer.Ordinal);
        _chargerTariffs = chargers.ToDictionary(c => c.Id, c => c.Tariff, StringComparer.Ordinal);
        _defaultTariff = pricing.DefaultTariff;
    }

    public string Currency { get; }

    public decimal VatPercent { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The pricing of a validated configuration; null when it has no pricing section (sessions carry no cost).</summary>
    public static SitePricing? From(SiteConfiguration site) =>
        site.Pricing is { } pricing ? new SitePricing(pricing, SiteTimeZone.Of(site), site.Chargers) : null;

    /// <summary>
    /// The tariff of a session: its idTag entry's, else its charger's, else the default. An entry's
    /// tariff that is no longer configured is passed over, not an error: the list is kept apart from site.json.
    /// </summary>
    public TariffPricing For(string? entryTariff, string? chargerId)
    {
        var id = Known(entryTariff)
            ?? Known(chargerId is not null && _chargerTariffs.TryGetValue(chargerId, out var chargerTariff) ? chargerTariff : null)
            ?? _defaultTariff;
        return new TariffPricing(_tariffs[id], Currency, VatPercent, TimeZone);
    }

    private string? Known(string? tariffId) => tariffId is not null && _tariffs.ContainsKey(tariffId) ? tariffId : null;
}
