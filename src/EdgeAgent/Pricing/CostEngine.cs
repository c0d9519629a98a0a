namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The cost of a session, exactly as docs/pricing.md defines it. Pure: decimal arithmetic only, no
/// clock, no state. Each component is summed exactly and rounded once; the total is the sum of the
/// rounded components, clamped; the VAT is split out of the total.
/// </summary>
public static class CostEngine
{
    private const decimal WhPerKwh = 1000m;

    /// <summary>The cost of a stopped session (<see cref="SessionUsage.StoppedAt"/> set).</summary>
    public static SessionCost Final(TariffPricing pricing, SessionUsage usage, SpotPriceTable spot) =>
        Calculate(pricing, usage, spot, usage.StoppedAt ?? throw new ArgumentException("the session has not stopped", nameof(usage)));

    /// <summary>What a running session would cost if it stopped at <paramref name="now"/>.</summary>
    public static SessionCost Running(TariffPricing pricing, SessionUsage usage, SpotPriceTable spot, DateTimeOffset now) =>
        Calculate(pricing, usage, spot, usage.StoppedAt ?? now);

    private static SessionCost Calculate(TariffPricing pricing, SessionUsage usage, SpotPriceTable spot, DateTimeOffset end)
    {
        var tariff = pricing.Tariff;
        var prices = spot.Currency == pricing.Currency ? spot : SpotPriceTable.Empty;
        var (energyWh, energyExact) = EnergyCost(new EnergyPriceTimeline(tariff, pricing.TimeZone, prices), usage.Readings);

        var duration = end > usage.StartedAt ? end - usage.StartedAt : TimeSpan.Zero;
        var idle = IdleTime(usage.IdleSpans, usage.StartedAt, end) - tariff.IdleGrace;

        var energy = Money.Round(energyExact);
        var time = Money.Round(PerHour(duration, tariff.Settings.PerHour));
        var idleCost = Money.Round(idle > TimeSpan.Zero ? PerHour(idle, tariff.Settings.IdlePerHour) : 0);
        var fee = Money.Round(tariff.Settings.SessionFee);

        var total = energy + time + idleCost + fee;
        if (tariff.Settings.MinCost is { } min && total < min)
        {
            total = min;
        }

        if (tariff.Settings.MaxCost is { } max && total > max)
        {
            total = max;
        }

        return new SessionCost(pricing.Currency, total, Money.VatIncluded(total, pricing.VatPercent), energy, time, idleCost, fee, tariff.Id, energyWh);
    }

    /// <summary>
    /// The energy between two readings is spread evenly over the time between them and priced piece
    /// by piece; a register that went down (a meter replaced) adds nothing.
    /// </summary>
    private static (decimal EnergyWh, decimal Cost) EnergyCost(EnergyPriceTimeline timeline, IReadOnlyList<EnergyReading> readings)
    {
        var sorted = readings.OrderBy(r => r.At).ToList();
        decimal energyWh = 0, cost = 0;
        for (var i = 1; i < sorted.Count; i++)
        {
            var (from, to) = (sorted[i - 1], sorted[i]);
            var deltaWh = to.RegisterWh - from.RegisterWh;
            if (deltaWh <= 0)
            {
                continue;
            }

            energyWh += deltaWh;
            var ticks = (to.At - from.At).Ticks;
            if (ticks == 0)
            {
                // Two readings at one instant: the energy was delivered at that instant.
                cost += deltaWh * timeline.Spans(from.At, from.At.AddTicks(1)).First().PricePerKwh / WhPerKwh;
                continue;
            }

            // Σ price × ticks first, one division per interval: the sum stays exact.
            decimal priceTicks = 0;
            foreach (var span in timeline.Spans(from.At, to.At))
            {
                priceTicks += span.PricePerKwh * (span.To - span.From).Ticks;
            }

            cost += priceTicks * deltaWh / (ticks * WhPerKwh);
        }

        return (energyWh, cost);
    }

    /// <summary>The time covered by any idle span within [start, end), overlaps counted once.</summary>
    private static TimeSpan IdleTime(IReadOnlyList<TimeRange> spans, DateTimeOffset start, DateTimeOffset end)
    {
        var total = TimeSpan.Zero;
        var coveredUntil = start;
        foreach (var span in spans.OrderBy(s => s.From))
        {
            var from = span.From > coveredUntil ? span.From : coveredUntil;
            var to = span.To < end ? span.To : end;
            if (to > from)
            {
                total += to - from;
                coveredUntil = to;
            }
        }

        return total;
    }

    // Multiplied before divided: 20 minutes at 60 an hour is 20, not 19.99…98.
    private static decimal PerHour(TimeSpan span, decimal rate) => span.Ticks * rate / TimeSpan.TicksPerHour;
}
