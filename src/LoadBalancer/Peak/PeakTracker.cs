namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// Follows the site's power through a <see cref="PowerTariff"/>'s windows as readings come in: the
/// open window's energy, the counted windows of the month (only the few highest are kept) and so the
/// month's billed peak so far, and the level up to which the open window adds nothing to the bill
/// (docs/load-balancing.md, "Peak target"). Pure: the caller gives every time. Not thread-safe.
/// </summary>
public sealed class PeakTracker
{
    private readonly PowerTariff _tariff;
    private readonly List<MonthlyPeak> _closedMonths = [];

    // The highest counted window averages of the month (W), at most Count of them, highest first;
    // with one per day, the highest of each day instead (few: a month has at most 31).
    private readonly List<double> _highestW = [];
    private readonly Dictionary<DateOnly, double> _dayHighestW = [];
    private DateTimeOffset? _windowStart;
    private double _windowEnergyWs;
    private (int Year, int Month) _month;

    public PeakTracker(PowerTariff tariff)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        _tariff = tariff;
    }

    /// <summary>The tariff followed.</summary>
    public PowerTariff Tariff => _tariff;

    /// <summary>The months already over, oldest first.</summary>
    public IReadOnlyList<MonthlyPeak> ClosedMonths => _closedMonths;

    /// <summary>The start of the open window (null before the first reading).</summary>
    public DateTimeOffset? WindowStart => _windowStart;

    /// <summary>The energy of the open window so far, in watt-seconds.</summary>
    public double WindowEnergyWs => _windowEnergyWs;

    /// <summary>Whether the open window counts for the bill.</summary>
    public bool WindowCounts => _windowStart is { } start && _tariff.Counts(start);

    /// <summary>
    /// The month's billed peak so far (W): the mean of its highest counted windows, the open one
    /// counted at what it has reached; 0 before any counted window.
    /// </summary>
    public double BilledPeakW => Billed(WindowCounts ? _windowEnergyWs / _tariff.Window.TotalSeconds : 0);

    /// <summary>
    /// The highest average power (W) the open window may reach without raising the month's bill:
    /// already paid. +∞ when the open window does not count; 0 when every counted window raises it.
    /// </summary>
    public double FreeLevelW
    {
        get
        {
            if (!WindowCounts)
            {
                return double.PositiveInfinity;
            }

            if (!_tariff.OnePerDay)
            {
                return _highestW.Count >= _tariff.Count ? _highestW[_tariff.Count - 1] : 0;
            }

            // The day's highest so far is paid for; so is anything below the Count-th highest other day.
            var today = DateOnly.FromDateTime(_tariff.Local(_windowStart!.Value));
            var todayW = _dayHighestW.GetValueOrDefault(today);
            var others = _dayHighestW.Where(d => d.Key != today).Select(d => d.Value).OrderDescending().ToList();
            return Math.Max(todayW, others.Count >= _tariff.Count ? others[_tariff.Count - 1] : 0);
        }
    }

    /// <summary>What the tracker knows of the open month, to be kept; null before the first reading.</summary>
    public PeakTrackerState? Save() => _windowStart is { } start
        ? new PeakTrackerState(start, _windowEnergyWs, _month.Year, _month.Month, [.. _highestW], new Dictionary<DateOnly, double>(_dayHighestW))
        : null;

    /// <summary>
    /// A tracker that carries on from <paramref name="state"/> (saved under the same tariff). A state
    /// whose window does not start on one of the tariff's windows was saved under another tariff: it is
    /// refused, as the windows it counted are not this tariff's.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit the tariff.</exception>
    public static PeakTracker Restore(PowerTariff tariff, PeakTrackerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tracker = new PeakTracker(tariff);
        var local = tariff.Local(state.WindowStart);
        if (tariff.WindowStart(state.WindowStart) != state.WindowStart || (local.Year, local.Month) != (state.Year, state.Month)
            || !double.IsFinite(state.WindowEnergyWs) || state.WindowEnergyWs < 0
            || state.HighestW.Any(w => !double.IsFinite(w) || w < 0) || state.DayHighestW.Values.Any(w => !double.IsFinite(w) || w < 0))
        {
            throw new ArgumentException($"the saved peak state of {state.WindowStart:O} does not fit the tariff's windows", nameof(state));
        }

        tracker._windowStart = state.WindowStart;
        tracker._windowEnergyWs = state.WindowEnergyWs;
        tracker._month = (state.Year, state.Month);
        tracker._highestW.AddRange(state.HighestW.OrderDescending().Take(tariff.Count));
        foreach (var (day, w) in state.DayHighestW)
        {
            tracker._dayHighestW[day] = w;
        }

        return tracker;
    }

    /// <summary>The site drew <paramref name="powerW"/> from <paramref name="from"/> to <paramref name="to"/>; readings come in time order.</summary>
    public void Add(DateTimeOffset from, DateTimeOffset to, double powerW)
    {
        if (!double.IsFinite(powerW) || to <= from)
        {
            return;
        }

        if (_windowStart is { } open && from < open)
        {
            from = open;
        }

        while (from < to)
        {
            MoveTo(from);
            var windowEnd = _windowStart!.Value + _tariff.Window;
            var until = to < windowEnd ? to : windowEnd;
            _windowEnergyWs += powerW * (until - from).TotalSeconds;
            from = until;
        }
    }

    /// <summary>Opens the window that contains <paramref name="now"/> (closing those before it), so the levels are those of now.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (_windowStart is not { } open || now >= open)
        {
            MoveTo(now);
        }
    }

    /// <summary>Closes the open window and month (the end of a replay) and returns every month.</summary>
    public IReadOnlyList<MonthlyPeak> Finish()
    {
        CloseWindow();
        CloseMonth();
        _windowStart = null;
        return _closedMonths;
    }

    // Makes the window that contains `time` the open one, closing those before it.
    private void MoveTo(DateTimeOffset time)
    {
        var start = _tariff.WindowStart(time);
        if (_windowStart == start)
        {
            return;
        }

        CloseWindow();
        var local = _tariff.Local(start);
        if (_windowStart is not null && (local.Year, local.Month) != _month)
        {
            CloseMonth();
        }

        _month = (local.Year, local.Month);
        _windowStart = start;
        _windowEnergyWs = 0;
    }

    private void CloseWindow()
    {
        if (!WindowCounts)
        {
            return;
        }

        var averageW = _windowEnergyWs / _tariff.Window.TotalSeconds;
        if (_tariff.OnePerDay)
        {
            var day = DateOnly.FromDateTime(_tariff.Local(_windowStart!.Value));
            _dayHighestW[day] = Math.Max(_dayHighestW.GetValueOrDefault(day), averageW);
            return;
        }

        var at = _highestW.FindIndex(w => w < averageW);
        _highestW.Insert(at < 0 ? _highestW.Count : at, averageW);
        if (_highestW.Count > _tariff.Count)
        {
            _highestW.RemoveAt(_highestW.Count - 1);
        }
    }

    private void CloseMonth()
    {
        if (_windowStart is null)
        {
            return;
        }

        var counted = Counted(0);
        _closedMonths.Add(new MonthlyPeak(_month.Year, _month.Month, counted.Count == 0 ? 0 : counted.Average(), counted));
        _highestW.Clear();
        _dayHighestW.Clear();
    }

    private double Billed(double openW)
    {
        var counted = Counted(openW);
        return counted.Count == 0 ? 0 : counted.Average();
    }

    // The windows that form the bill: the Count highest (one per day if so), with the open window at `openW`.
    private List<double> Counted(double openW)
    {
        IEnumerable<double> candidates;
        if (_tariff.OnePerDay)
        {
            var days = new Dictionary<DateOnly, double>(_dayHighestW);
            if (openW > 0)
            {
                var today = DateOnly.FromDateTime(_tariff.Local(_windowStart!.Value));
                days[today] = Math.Max(days.GetValueOrDefault(today), openW);
            }

            candidates = days.Values;
        }
        else
        {
            candidates = openW > 0 ? _highestW.Append(openW) : _highestW;
        }

        return [.. candidates.OrderDescending().Take(_tariff.Count)];
    }
}
