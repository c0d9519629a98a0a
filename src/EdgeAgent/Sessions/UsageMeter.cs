namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Keeps an open session's usage as it runs: idle and paused time from the control loop's
/// observations (the time between two observations counts as what the first one saw), and energy
/// readings thinned to one per <see cref="ReadingInterval"/> (plus the latest), which is what a price
/// that changes by the quarter-hour needs. Not thread-safe: its owner locks.
/// </summary>
internal sealed class UsageMeter
{
    /// <summary>At most one kept reading per this much time; a price changes at most each quarter-hour.</summary>
    public static readonly TimeSpan ReadingInterval = TimeSpan.FromMinutes(1);

    private readonly List<EnergyReading> _kept;
    private TimeSpan _idle;
    private TimeSpan _paused;
    private (DateTimeOffset At, ConnectorUse Use)? _last;
    private EnergyReading? _latest;

    public UsageMeter(SessionUsage start)
    {
        _kept = [.. start.Readings];
        _idle = start.Idle;
        _paused = start.Paused;
    }

    public void Observe(DateTimeOffset now, ConnectorUse use)
    {
        if (_last is { } last && now > last.At)
        {
            var span = now - last.At;
            if (last.Use == ConnectorUse.Idle)
            {
                _idle += span;
            }
            else if (last.Use == ConnectorUse.Paused)
            {
                _paused += span;
            }
        }

        if (_last is null || now >= _last.Value.At)
        {
            _last = (now, use);
        }
    }

    public void Read(EnergyReading reading)
    {
        if (_kept.Count == 0 || reading.At - _kept[^1].At >= ReadingInterval)
        {
            _kept.Add(reading);
            _latest = null;
        }
        else if (reading.At > _kept[^1].At)
        {
            _latest = reading;
        }
    }

    /// <summary>The usage so far, counted up to <paramref name="until"/>, with <paramref name="readings"/> (e.g. the store's) merged in.</summary>
    public SessionUsage Snapshot(DateTimeOffset until, IEnumerable<EnergyReading> readings)
    {
        var (idle, paused) = (_idle, _paused);
        if (_last is { } last && until > last.At)
        {
            idle += last.Use == ConnectorUse.Idle ? until - last.At : TimeSpan.Zero;
            paused += last.Use == ConnectorUse.Paused ? until - last.At : TimeSpan.Zero;
        }

        var mine = _latest is { } latest ? _kept.Append(latest) : _kept;
        return new SessionUsage([], idle, paused).WithReadings(readings.Concat(mine));
    }
}
