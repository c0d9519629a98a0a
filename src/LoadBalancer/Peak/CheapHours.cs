namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// Moves a car's charging into the cheapest quarter-hours before its departure (docs/load-balancing.md,
/// "Cheap hours"). For a car whose departure and energy need are known, the slots from now to its
/// departure are ranked by energy price; the cheapest ones that together give it what it needs (each
/// at <see cref="Derate"/> of its most power, since the target and the other cars may leave it less)
/// are where it charges; in the others it waits (held at 0). It never waits once its laxity is gone
/// (what it needs at that derated power takes all the time left but one slot), nor when the price of
/// now is not known. A car without a departure or a need is never held: cheap hours never starve it.
/// </summary>
public static class CheapHours
{
    /// <summary>The price slot of Nordic day-ahead prices since October 2025 (issue 18).</summary>
    public static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    /// <summary>The share of a car's most power its plan counts on in each slot.</summary>
    public const double Derate = 0.8;

    /// <summary>The snapshot with every car that should wait now held at 0 (maximum and minimum 0).</summary>
    /// <param name="snapshot">The cycle's snapshot; cars' needs and departures as given.</param>
    /// <param name="priceAt">The energy price at a moment, or null where none is known.</param>
    /// <param name="slot">The length of a price slot (a quarter-hour); slots start on multiples of it (UTC).</param>
    public static SiteSnapshot Apply(SiteSnapshot snapshot, Func<DateTimeOffset, double?> priceAt, TimeSpan slot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(priceAt);
        ConnectorInput[]? held = null;
        for (var i = 0; i < snapshot.Connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            if (c.DepartureAt is not { } departure || c.EnergyWantedWh is not { } wantedWh
                || !Waits(snapshot.Time, new EnergyNeed(wantedWh, c.MaxCurrentA * snapshot.Settings.NominalVoltageV * c.WiredPhases, departure), priceAt, slot))
            {
                continue;
            }

            held ??= (ConnectorInput[])snapshot.Connectors.Clone();
            held[i] = c with { MaxCurrentA = 0, MinCurrentA = 0 };
        }

        return held is null ? snapshot : snapshot with { Connectors = held };
    }

    /// <summary>Whether the car should wait now for cheaper slots before its departure.</summary>
    public static bool Waits(DateTimeOffset now, EnergyNeed need, Func<DateTimeOffset, double?> priceAt, TimeSpan slot)
    {
        ArgumentNullException.ThrowIfNull(priceAt);
        var powerW = need.MaxPowerW * Derate;
        var leftH = (need.Departure - now).TotalHours;
        if (need.RemainingWh <= 0 || powerW <= 0 || leftH <= 0 || slot <= TimeSpan.Zero || priceAt(now) is not { } priceNow)
        {
            return false;
        }

        // No laxity left: what it needs takes all the time left but one slot.
        if (need.RemainingWh / powerW >= leftH - slot.TotalHours)
        {
            return false;
        }

        // The energy the car could take in slots cheaper than now (an earlier slot at the same price
        // counts as cheaper: of two equal slots, the sooner is used first, so now is never put off for
        // one just as dear). Now is a slot it needs unless those alone give it what it needs.
        var cheaperWh = 0.0;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % slot.Ticks), TimeSpan.Zero) + slot;
        for (var at = start; at < need.Departure; at += slot)
        {
            if (priceAt(at) is { } price && price < priceNow)
            {
                var end = at + slot < need.Departure ? at + slot : need.Departure;
                cheaperWh += powerW * (end - at).TotalHours;
                if (cheaperWh >= need.RemainingWh)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
