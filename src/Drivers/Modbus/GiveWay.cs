namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Ends the wait for one reply on a shared link once the request has gone unanswered for its share — the mark at which
/// an unanswered request counts as a miss (<see cref="UnitSilence.MissAfter"/>) — while another unit waits for the link.
/// A unit that answers late or not at all then costs the others that share at most, not their whole read deadline
/// (docs/devices.md, "Several devices on one link"). Only for links whose late replies cannot be taken for the next one
/// (Modbus TCP, by transaction id); alone on the link, a request waits its whole timeout.
/// One per link, reused by each wait: alone on the link it costs a wait nothing (docs/devices.md: on a 200-charger site a
/// timer and two token sources per request were hundreds a second). It keeps one standing watch on the bus for a unit
/// other than the one asked, made again only after it fired or when the unit asked changes, and arms its one timer only
/// once another unit waits.
/// </summary>
internal sealed class GiveWay : IDisposable
{
    private const int NoUnit = -1;

    private readonly BusScheduler _turns;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private IDisposable? _watch;
    private int _watchedUnit = NoUnit;
    private bool _disposed;

    // The wait in progress: cancelled to give way; null between waits.
    private CancellationTokenSource? _wait;
    private byte _unitId;
    private long _waitingSince;
    private TimeSpan _share;
    private bool _gaveWay;

    public GiveWay(BusScheduler turns, TimeProvider timeProvider)
    {
        _turns = turns;
        _time = timeProvider;
    }

    /// <summary>Whether the wait in progress (or the last one) gave the link way.</summary>
    public bool GaveWay
    {
        get
        {
            lock (_lock)
            {
                return _gaveWay;
            }
        }
    }

    /// <summary>
    /// A reply from <paramref name="unitId"/> is awaited from now: <paramref name="wait"/> is cancelled if it goes
    /// unanswered for <paramref name="share"/> while another unit waits. Call <see cref="End"/> once it is over.
    /// </summary>
    public void Begin(byte unitId, TimeSpan share, CancellationTokenSource wait)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _wait = wait;
            _unitId = unitId;
            _waitingSince = _time.GetTimestamp();
            _share = share;
            _gaveWay = false;
            Watch();
        }
    }

    /// <summary>The wait is over (answered, timed out or given way).</summary>
    public void End()
    {
        lock (_lock)
        {
            _wait = null;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _wait = null;
            _watch?.Dispose();
            _watch = null;
        }

        _timer?.Dispose();
    }

    // Under the lock. The standing watch is for the unit asked now; the scheduler may call back at once (the lock is reentrant).
    private void Watch()
    {
        if (_watchedUnit == _unitId)
        {
            return;
        }

        _watch?.Dispose();
        var unitId = _unitId;
        _watchedUnit = unitId;
        var watch = _turns.WhenOtherUnitWaits(unitId, () => OtherUnitWaits(unitId));
        _watch = _watchedUnit == unitId ? watch : null;
    }

    private void OtherUnitWaits(byte watchedUnit)
    {
        lock (_lock)
        {
            if (_watchedUnit == watchedUnit)
            {
                // A watch calls back once: the next wait for this unit watches again.
                _watchedUnit = NoUnit;
                _watch = null;
            }

            // A watch made for an earlier wait may call back late: it stands for the wait in progress only if that is the same unit's.
            if (_wait is not null && _unitId == watchedUnit)
            {
                GiveWayWhenDue();
            }
        }
    }

    // Under the lock, a wait in progress that another unit waited for: give way at its share, or now if that has passed.
    private void GiveWayWhenDue()
    {
        var left = _share - _time.GetElapsedTime(_waitingSince);
        if (left > TimeSpan.Zero)
        {
            _timer ??= _time.CreateTimer(_ => Due(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(left, Timeout.InfiniteTimeSpan);
        }
        else if (_turns.OtherUnitWaits(_unitId))
        {
            _gaveWay = true;
            // Not inline: the wait this ends runs on, up to handing the link on, outside the scheduler's callback.
            _ = _wait!.CancelAsync();
        }
        else
        {
            // The unit that waited went (its caller gave up): watch again for the next one.
            Watch();
        }
    }

    private void Due()
    {
        lock (_lock)
        {
            // A timer set for an earlier wait may fire late: the wait in progress is judged by its own share.
            if (_wait is not null && !_gaveWay)
            {
                GiveWayWhenDue();
            }
        }
    }
}
