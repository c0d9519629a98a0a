using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Keeps an open session's usage as it runs: idle spans and paused time from the control loop's
/// observations (the time between two observations counts as what the first one saw), and energy
/// readings thinned to one per <see cref="ReadingInterval"/> (plus the latest), which is what a price
/// that changes by the quarter-hour needs. Not thread-safe: its owner locks.
/// </summary>
internal sealed class UsageMeter
{
    /// <summary>At most one kept reading per this much time; a price changes at most each quarter-hour.</summary>
    public static readonly TimeSpan ReadingInterval = TimeSpan.FromMinutes(1);

    private readonly List<EnergyReading> _kept;
    private readonly List<TimeRange> _idle;
    private TimeSpan _paused;
    private (DateTimeOffset At, ConnectorUse Use)? _last;
    private EnergyReading? _latest;

    public UsageMeter(SessionUsage start)
    {
        _kept = [.. start.Readings];
        _idle = [.. start.IdleSpans];
        _paused = start.Paused;
    }

    public void Observe(DateTimeOffset now, ConnectorUse use)
    {
        if (_last is { } last && now > last.At)
        {
            if (last.Use == ConnectorUse.Idle)
            {
                AddIdle(_idle, new TimeRange(last.At, now));
            }
            else if (last.Use == ConnectorUse.Paused)
            {
                _paused += now - last.At;
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
        var (idle, paused) = (new List<TimeRange>(_idle), _paused);
        if (_last is { } last && until > last.At)
        {
            if (last.Use == ConnectorUse.Idle)
            {
                AddIdle(idle, new TimeRange(last.At, until));
            }

            paused += last.Use == ConnectorUse.Paused ? until - last.At : TimeSpan.Zero;
        }

        var mine = _latest is { } latest ? _kept.Append(latest) : _kept;
        return new SessionUsage { IdleSpans = idle, Paused = paused }.WithReadings(readings.Concat(mine));
    }

    // Idle observations one after another make one span, not one per control cycle.
    private static void AddIdle(List<TimeRange> spans, TimeRange span)
    {
        if (spans.Count > 0 && spans[^1].To == span.From)
        {
            spans[^1] = spans[^1] with { To = span.To };
        }
        else
        {
            spans.Add(span);
        }
    }
}
