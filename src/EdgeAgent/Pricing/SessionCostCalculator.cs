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

    public IReadOnlyList<PricedSpan>? EnergyPrices(string chargerId, string? entryTariff, DateTimeOffset start, DateTimeOffset until)
    {
        if (PricingOf(site()) is not { } pricing)
        {
            return null;
        }

        var tariff = pricing.For(entryTariff, chargerId);
        var prices = spot.Current.Currency == tariff.Currency ? spot.Current : SpotPriceTable.Empty;
        var joined = new List<PricedSpan>();
        foreach (var span in new EnergyPriceTimeline(tariff.Tariff, tariff.TimeZone, prices).Spans(start, until))
        {
            if (joined.Count > 0 && joined[^1].PricePerKwh == span.PricePerKwh)
            {
                joined[^1] = joined[^1] with { To = span.To };
            }
            else
            {
                joined.Add(span);
            }
        }

        return joined;
    }

    public DateTimeOffset? NextPriceChange(string chargerId, string? entryTariff, DateTimeOffset at)
    {
        if (PricingOf(site()) is not { } pricing)
        {
            return null;
        }

        // A bound fixed in local days, so that the answer stays the same from one look to the next while nothing changes.
        var zone = pricing.For(entryTariff, chargerId).TimeZone;
        var horizon = SiteTimeZone.StartOfDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime).AddDays(2), zone);
        return EnergyPrices(chargerId, entryTariff, at, horizon) is [var first, ..] ? first.To : horizon;
    }

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
