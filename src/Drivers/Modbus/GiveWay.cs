namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Ends the wait for one reply on a shared link once the request has gone unanswered for its share — the mark at which
/// an unanswered request counts as a miss (<see cref="UnitSilence.MissAfter"/>) — while another unit waits for the link.
/// A unit that answers late or not at all then costs the others that share at most, not their whole read deadline
/// (docs/devices.md, "Several devices on one link"). Only for links whose late replies cannot be taken for the next one
/// (Modbus TCP, by transaction id); alone on the link, a request waits its whole timeout.
/// </summary>
internal sealed class GiveWay : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private IDisposable? _watch;
    private bool _disposed;

    public GiveWay(BusScheduler turns, byte unitId, TimeSpan share, TimeProvider timeProvider)
    {
        _timer = timeProvider.CreateTimer(_ => WatchForOthers(turns, unitId), null, share, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the request gives the link way.</summary>
    public CancellationToken Token => _source.Token;

    public bool GaveWay => _source.IsCancellationRequested;

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
        _watch?.Dispose();
        _source.Dispose();
    }

    private void WatchForOthers(BusScheduler turns, byte unitId)
    {
        var watch = turns.WhenOtherUnitWaits(unitId, Yield);
        lock (_lock)
        {
            if (!_disposed)
            {
                _watch = watch;
                return;
            }
        }

        watch.Dispose();
    }

    private void Yield()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                // Not inline: the wait this ends runs on, up to handing the link on, outside the scheduler's callback.
                _ = _source.CancelAsync();
            }
        }
    }
}
