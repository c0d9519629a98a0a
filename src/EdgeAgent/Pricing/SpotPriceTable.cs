namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The spot prices known, in one currency: spans sorted by time that do not overlap (docs/pricing.md).
/// Immutable; a newer payload makes a new table.
/// </summary>
public sealed class SpotPriceTable
{
    private readonly SpotPrice[] _prices;

    private SpotPriceTable(string currency, SpotPrice[] prices)
    {
        Currency = currency;
        _prices = prices;
    }

    public static SpotPriceTable Empty { get; } = new("", []);

    /// <summary>ISO 4217; empty when the table is.</summary>
    public string Currency { get; }

    public IReadOnlyList<SpotPrice> Prices => _prices;

    /// <summary>A table of <paramref name="prices"/>; they must not overlap (<see cref="SpotPricePayload"/> checks).</summary>
    public static SpotPriceTable Of(string currency, IEnumerable<SpotPrice> prices)
    {
        var sorted = prices.OrderBy(p => p.From).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].From < sorted[i - 1].To)
            {
                throw new ArgumentException($"spot prices overlap at {sorted[i].From:O}", nameof(prices));
            }
        }

        return new SpotPriceTable(currency, sorted);
    }

    /// <summary>
    /// This table with <paramref name="newer"/> in force for the whole span it covers (first from to
    /// last to): what was known there is replaced. Another currency replaces the table.
    /// </summary>
    public SpotPriceTable With(SpotPriceTable newer)
    {
        if (newer._prices.Length == 0)
        {
            return this;
        }

        if (newer.Currency != Currency)
        {
            return newer;
        }

        var from = newer._prices[0].From;
        var to = newer._prices.Max(p => p.To);
        return new SpotPriceTable(Currency, [.. _prices.Where(p => p.To <= from || p.From >= to).Concat(newer._prices).OrderBy(p => p.From)]);
    }

    /// <summary>This table without the spans that ended before <paramref name="cutoff"/>.</summary>
    public SpotPriceTable EndingAfter(DateTimeOffset cutoff) =>
        _prices.All(p => p.To > cutoff) ? this : new SpotPriceTable(Currency, [.. _prices.Where(p => p.To > cutoff)]);

    /// <summary>The spot price in force at <paramref name="at"/>, if a span covers it.</summary>
    public bool TryGetPrice(DateTimeOffset at, out decimal pricePerKwh)
    {
        var i = LastStartingAtOrBefore(at);
        if (i >= 0 && at < _prices[i].To)
        {
            pricePerKwh = _prices[i].PricePerKwh;
            return true;
        }

        pricePerKwh = 0;
        return false;
    }

    /// <summary>The first moment after <paramref name="at"/> at which coverage or the price may change; null when none.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        var i = LastStartingAtOrBefore(at);
        if (i >= 0 && at < _prices[i].To)
        {
            return _prices[i].To;
        }

        return i + 1 < _prices.Length ? _prices[i + 1].From : null;
    }

    private int LastStartingAtOrBefore(DateTimeOffset at)
    {
        int lo = 0, hi = _prices.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_prices[mid].From <= at)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
