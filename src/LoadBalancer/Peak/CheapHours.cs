namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// Moves a car's charging into the cheapest quarter-hours before its departure (docs/load-balancing.md,
/// "Cheap hours"). For a car whose departure and energy need are known, the slots from now to its
/// departure are ranked by energy price; the cheapest ones that together give it what it needs are
/// where it charges; in the others it waits (offered 0, reason <see cref="AllocationReason.CheapHours"/>).
/// In each slot a car is counted on its share of the room the cars are expected to have then (every car
/// still there shares it, each at most at <see cref="Derate"/> of its most power), so cars that all pick
/// the same cheap slots do not each plan as if they had them alone. It never waits once its laxity is
/// gone (what it needs takes all the time left but one slot), nor when the price of now is not known.
/// A car without a departure or a need is never held: cheap hours never starve it. A car that charges
/// starts waiting only with <see cref="StartMargin"/> to spare; one that waits goes on while the cheaper
/// slots still give what it needs, so a room that moves a little (the load nobody controls, a car coming
/// or going) does not flip it back and forth (<see cref="CheapHoursHold"/> remembers who waits).
/// </summary>
public static class CheapHours
{
    /// <summary>The price slot of Nordic day-ahead prices since October 2025 (issue 18).</summary>
    public static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    /// <summary>The share of a car's most power its plan counts on in each slot.</summary>
    public const double Derate = 0.8;

    /// <summary>How much more than it needs the cheaper slots must give (and its laxity leave) before a charging car starts waiting.</summary>
    public const double StartMargin = 1.1;

    /// <summary>The furthest ahead a plan looks (a departure later than this is planned as if it were then).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    /// <summary>The snapshot with every car that should wait now marked so (<see cref="ConnectorInput.WaitsForCheaperEnergy"/>).</summary>
    /// <param name="snapshot">The cycle's snapshot; cars' needs and departures as given.</param>
    /// <param name="priceAt">The energy price at a moment, or null where none is known.</param>
    /// <param name="slot">The length of a price slot (a quarter-hour); slots start on multiples of it (UTC).</param>
    /// <param name="roomW">The power the cars together are expected to have in the coming slots (W): the
    /// peak target's level or the connection's ceiling, less the load nobody controls. +∞: each car
    /// plans with its own (derated) maximum.</param>
    /// <param name="waited">Whether a connector's car waited at the last plan (null: none did): such a car
    /// goes on waiting without <see cref="StartMargin"/>.</param>
    public static SiteSnapshot Apply(SiteSnapshot snapshot, Func<DateTimeOffset, double?> priceAt, TimeSpan slot, double roomW = double.PositiveInfinity, Func<string, bool>? waited = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(priceAt);
        if (slot <= TimeSpan.Zero || !Array.Exists(snapshot.Connectors, c => c.DepartureAt is not null && c.EnergyWantedWh is not null))
        {
            return snapshot;
        }

        var crowd = new SlotCrowd(snapshot, slot, roomW);
        ConnectorInput[]? held = null;
        for (var i = 0; i < snapshot.Connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            if (c.DepartureAt is not { } departure || c.EnergyWantedWh is not { } wantedWh)
            {
                continue;
            }

            var need = new EnergyNeed(wantedWh, MaxPowerW(c, snapshot.Settings), departure);
            var margin = waited?.Invoke(c.Id) == true ? 1 : StartMargin;
            if (!Waits(snapshot.Time, need, priceAt, slot, at => crowd.PowerW(need.MaxPowerW * Derate, at), margin))
            {
                continue;
            }

            held ??= (ConnectorInput[])snapshot.Connectors.Clone();
            held[i] = c with { WaitsForCheaperEnergy = true };
        }

        return held is null ? snapshot : snapshot with { Connectors = held };
    }

    /// <summary>Whether the car should wait now for cheaper slots before its departure, counting on <see cref="Derate"/> of its most power in each.</summary>
    public static bool Waits(DateTimeOffset now, EnergyNeed need, Func<DateTimeOffset, double?> priceAt, TimeSpan slot) =>
        Waits(now, need, priceAt, slot, _ => need.MaxPowerW * Derate);

    /// <summary>Whether the car should wait now for cheaper slots before its departure.</summary>
    /// <param name="powerAt">The power the car can count on in the slot starting at a moment (W).</param>
    /// <param name="margin">How many times its need the cheaper slots must give, and its laxity leave (1: just its need).</param>
    public static bool Waits(DateTimeOffset now, EnergyNeed need, Func<DateTimeOffset, double?> priceAt, TimeSpan slot, Func<DateTimeOffset, double> powerAt, double margin = 1)
    {
        ArgumentNullException.ThrowIfNull(priceAt);
        ArgumentNullException.ThrowIfNull(powerAt);
        if (need.RemainingWh <= 0 || need.Departure <= now || slot <= TimeSpan.Zero || priceAt(now) is not { } priceNow)
        {
            return false;
        }

        // Every slot from the one now to the departure (the one now from now on): the energy it may
        // give, and that of the slots strictly cheaper than now (an earlier slot at the same price
        // counts as cheaper: of two equal slots, the sooner is used first, so now is never put off for
        // one just as dear).
        var current = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % slot.Ticks), TimeSpan.Zero);
        var end = need.Departure < now + Horizon ? need.Departure : now + Horizon;
        var nowW = powerAt(current);
        var allWh = nowW * (Min(current + slot, end) - now).TotalHours;
        var cheaperWh = 0.0;
        for (var at = current + slot; at < end; at += slot)
        {
            var wh = powerAt(at) * (Min(at + slot, end) - at).TotalHours;
            allWh += wh;
            if (priceAt(at) is { } price && price < priceNow)
            {
                cheaperWh += wh;
            }
        }

        // No laxity left: what it needs takes all the time left but one slot.
        var neededWh = need.RemainingWh * margin;
        return cheaperWh >= neededWh && neededWh < allWh - (nowW * slot.TotalHours);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static double MaxPowerW(ConnectorInput c, BalancerSettings settings) => c.MaxCurrentA * settings.NominalVoltageV * c.WiredPhases;

    /// <summary>
    /// The room expected in each slot, shared among the cars expected then: every car present that
    /// wants energy, until its departure (a car without one stays), each taking at most its derated
    /// maximum; the rest is shared equally (water-filling). Levels are worked out once per slot.
    /// </summary>
    private sealed class SlotCrowd
    {
        private readonly double _roomW;
        private readonly TimeSpan _slot;
        private readonly (double MaxW, DateTimeOffset? Departure)[] _cars;
        private readonly Dictionary<long, double> _levels = [];

        public SlotCrowd(SiteSnapshot snapshot, TimeSpan slot, double roomW)
        {
            _roomW = Math.Max(0, roomW);
            _slot = slot;
            _cars = [.. snapshot.Connectors
                .Where(c => c.Activity is ConnectorActivity.Charging or ConnectorActivity.CarConnected or ConnectorActivity.SuspendedByController
                    && c.EnergyWantedWh is not <= 0)
                .Select(c => (MaxPowerW(c, snapshot.Settings) * Derate, c.DepartureAt))
                .OrderBy(c => c.Item1)];
        }

        /// <summary>What a car of derated maximum <paramref name="maxW"/> may count on in the slot starting at <paramref name="at"/>.</summary>
        public double PowerW(double maxW, DateTimeOffset at)
        {
            if (double.IsPositiveInfinity(_roomW))
            {
                return maxW;
            }

            var key = at.UtcTicks / _slot.Ticks;
            if (!_levels.TryGetValue(key, out var level))
            {
                level = Level(at);
                _levels[key] = level;
            }

            return Math.Min(maxW, level);
        }

        // The water level: the power each car gets when the room is shared equally, none above its maximum.
        private double Level(DateTimeOffset at)
        {
            var leftW = _roomW;
            var sharing = 0;
            foreach (var car in _cars)
            {
                sharing += Present(car.Departure, at) ? 1 : 0;
            }

            foreach (var car in _cars)
            {
                if (!Present(car.Departure, at))
                {
                    continue;
                }

                if (car.MaxW * sharing > leftW)
                {
                    return leftW / sharing;
                }

                leftW -= car.MaxW;
                sharing--;
            }

            return double.PositiveInfinity;
        }

        private static bool Present(DateTimeOffset? departure, DateTimeOffset at) => departure is not { } d || d > at;
    }
}
