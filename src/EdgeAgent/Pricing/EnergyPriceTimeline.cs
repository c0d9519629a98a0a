using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// A tariff's energy price over time: cuts a span where the price may change — a period boundary in
/// local time, a change of the zone's UTC offset (DST), a spot price's start or end — and gives
/// each piece its price (docs/pricing.md, "Energy").
/// </summary>
public sealed class EnergyPriceTimeline
{
    private readonly Tariff _tariff;
    private readonly TimeZoneInfo _zone;
    private readonly SpotPriceTable _spot;
    private readonly long[] _boundaryTicks; // local times of day at which a period starts or ends, midnight last

    public EnergyPriceTimeline(Tariff tariff, TimeZoneInfo zone, SpotPriceTable spot)
    {
        _tariff = tariff;
        _zone = zone;
        _spot = tariff.Settings.Spot is null ? SpotPriceTable.Empty : spot;
        _boundaryTicks = tariff.Periods.Count == 0
            ? []
            : [.. tariff.Periods.SelectMany(p => new[] { p.FromMinute, p.ToMinute }).Append(TimeOfDayText.MinutesPerDay)
                .Where(m => m > 0).Distinct().Order().Select(m => m * TimeSpan.TicksPerMinute)];
    }

    /// <summary>The pieces of [<paramref name="from"/>, <paramref name="to"/>), in order, each with one price.</summary>
    public IEnumerable<PricedSpan> Spans(DateTimeOffset from, DateTimeOffset to)
    {
        var at = from;
        while (at < to)
        {
            var next = NextChangeAfter(at, to);
            yield return new PricedSpan(at, next, _tariff.EnergyPriceAt(at, _zone, _spot));
            at = next;
        }
    }

    private DateTimeOffset NextChangeAfter(DateTimeOffset at, DateTimeOffset limit)
    {
        var next = limit;
        if (_spot.NextChangeAfter(at) is { } spotChange && spotChange < next)
        {
            next = spotChange;
        }

        if (_boundaryTicks.Length == 0)
        {
            return next;
        }

        // The next period boundary in local time is as far in elapsed time as in wall-clock time,
        // unless the UTC offset changes on the way: then the change itself is where to cut.
        var offset = _zone.GetUtcOffset(at);
        var timeOfDay = (at.UtcDateTime + offset).TimeOfDay.Ticks;
        var boundary = _boundaryTicks.First(b => b > timeOfDay);
        var localBoundary = at + TimeSpan.FromTicks(boundary - timeOfDay);
        if (localBoundary < next)
        {
            next = localBoundary;
        }

        return _zone.GetUtcOffset(next) == offset ? next : FirstWithOtherOffset(at, next, offset);
    }

    /// <summary>The instant in (<paramref name="lo"/>, <paramref name="hi"/>] at which the zone leaves <paramref name="offset"/>.</summary>
    private DateTimeOffset FirstWithOtherOffset(DateTimeOffset lo, DateTimeOffset hi, TimeSpan offset)
    {
        // Two offset changes less than a day apart do not happen, so the one change is found by halving.
        while (hi - lo > TimeSpan.FromTicks(1))
        {
            var mid = lo + ((hi - lo) / 2);
            if (_zone.GetUtcOffset(mid) == offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }
}
