namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Which units behind one link answer, counted per unit: several devices share a gateway or a bus, and one
/// that goes silent must not cost the others their turns. A unit that left two requests in a row
/// unanswered is <b>silent</b>: its requests are refused without touching the link for a back-off
/// (<see cref="ModbusClientOptions.SilentUnitBackoff"/>, doubling to <see cref="ModbusClientOptions.SilentUnitMaxBackoff"/>),
/// then one request probes it. Any answer (an exception response too) makes it healthy again. The link is worth
/// reopening only when every unit asked on it lately is silent (docs/devices.md, "Several devices on one link").
/// Thread-safe: the back-off is checked before a request waits for its turn.
/// </summary>
internal sealed class UnitSilence
{
    /// <summary>Requests in a row without an answer after which a unit is silent.</summary>
    public const int SilentAfter = 2;

    /// <summary>A unit not asked for this long no longer counts when judging whether the whole link is silent.</summary>
    public static readonly TimeSpan RecentlyAsked = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a request goes unanswered before giving it up counts as a miss: half its timeout. A unit that answers
    /// answers well within it; the control loop reads with a deadline shorter than the timeout, so its give-ups count.
    /// </summary>
    public static TimeSpan MissAfter(TimeSpan timeout) => timeout / 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<byte, UnitState> _units = [];
    private readonly TimeSpan _firstBackoff;
    private readonly TimeSpan _maxBackoff;

    public UnitSilence(TimeSpan firstBackoff, TimeSpan maxBackoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, firstBackoff);
        _firstBackoff = firstBackoff;
        _maxBackoff = maxBackoff;
    }

    /// <summary>Why a request to <paramref name="unitId"/> is refused at <paramref name="now"/> (it is silent and backed off), or null.</summary>
    public string? Refusal(byte unitId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _units.TryGetValue(unitId, out var unit) && unit.Unanswered >= SilentAfter && now < unit.NextTryAt
                ? $"unit {unitId} left its last {unit.Unanswered} requests unanswered; it is asked again in {(unit.NextTryAt - now).TotalSeconds:F1} s"
                : null;
        }
    }

    /// <summary>A request went out to <paramref name="unitId"/>.</summary>
    public void Asked(byte unitId, DateTimeOffset now)
    {
        lock (_lock)
        {
            _units[unitId] = (_units.TryGetValue(unitId, out var unit) ? unit : default) with { LastAskedAt = now };
        }
    }

    /// <summary><paramref name="unitId"/> answered: it is healthy. Returns whether it was silent until now.</summary>
    public bool Answered(byte unitId, DateTimeOffset now)
    {
        lock (_lock)
        {
            var wasSilent = _units.TryGetValue(unitId, out var unit) && unit.Unanswered >= SilentAfter;
            _units[unitId] = new UnitState(0, now, now);
            return wasSilent;
        }
    }

    /// <summary><paramref name="unitId"/> left a request unanswered; returns whether it is silent now (no further attempt is worth the link's time).</summary>
    public bool Unanswered(byte unitId, DateTimeOffset now)
    {
        lock (_lock)
        {
            var unit = _units.TryGetValue(unitId, out var known) ? known : new UnitState(0, now, now);
            var unanswered = unit.Unanswered + 1;
            var nextTry = unanswered >= SilentAfter ? now + Backoff(unanswered) : now;
            _units[unitId] = new UnitState(unanswered, unit.LastAskedAt, nextTry);
            return unanswered >= SilentAfter;
        }
    }

    /// <summary>Whether every unit asked within <see cref="RecentlyAsked"/> is silent: the link itself may be dead.</summary>
    public bool AllSilent(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _units.Values.Where(u => now - u.LastAskedAt <= RecentlyAsked).All(u => u.Unanswered >= SilentAfter);
        }
    }

    /// <summary>How many requests in a row <paramref name="unitId"/> left unanswered.</summary>
    public int UnansweredOf(byte unitId)
    {
        lock (_lock)
        {
            return _units.TryGetValue(unitId, out var unit) ? unit.Unanswered : 0;
        }
    }

    // The first back-off after the SilentAfter-th miss, doubling with each further miss, capped.
    private TimeSpan Backoff(int unanswered)
    {
        var backoff = _firstBackoff;
        for (var miss = SilentAfter; miss < unanswered && backoff < _maxBackoff; miss++)
        {
            backoff += backoff;
        }

        return backoff < _maxBackoff ? backoff : _maxBackoff;
    }

    private readonly record struct UnitState(int Unanswered, DateTimeOffset LastAskedAt, DateTimeOffset NextTryAt);
}
