using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// <see cref="ISessionCostCalculator"/> over the configuration and spot prices in force; the
/// pricing of a configuration is read once per revision.
/// </summary>
public sealed class SessionCostCalculator(Func<SiteConfiguration?> site, SpotPrices spot) : ISessionCostCalculator
{
    private CachedPricing _cached = new(null, null);

    public SessionCost? CostOf(string chargerId, string? entryTariff, SessionUsage usage, DateTimeOffset now)
    {
        var pricing = PricingOf(site());
        return pricing is null ? null : CostEngine.Running(pricing.For(entryTariff, chargerId), usage, spot.Current, now);
    }

    public string? TariffIdFor(string chargerId, string? entryTariff) => PricingOf(site())?.For(entryTariff, chargerId).Tariff.Id;

    public PriceNow? PriceAt(string chargerId, string? entryTariff, DateTimeOffset at) =>
        PricingOf(site()) is { } pricing ? PriceNow.Of(pricing.For(entryTariff, chargerId), spot.Current, at) : null;

    private SitePricing? PricingOf(SiteConfiguration? current)
    {
        var cached = Volatile.Read(ref _cached);
        if (ReferenceEquals(cached.Site, current))
        {
            return cached.Pricing;
        }

        var pricing = current is null ? null : SitePricing.From(current);
        Volatile.Write(ref _cached, new CachedPricing(current, pricing));
        return pricing;
    }

    // One reference, so a reader never sees one revision's site with another's pricing.
    private sealed record CachedPricing(SiteConfiguration? Site, SitePricing? Pricing);
}
