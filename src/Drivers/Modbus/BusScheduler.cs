namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// One request at a time on a bus, and fair between devices: when several unit ids wait, turns go round
/// them in order, so one busy device cannot starve the others. Within one unit id, first come first served.
/// The holder can ask to be told when another unit waits (<see cref="WhenOtherUnitWaits"/>): a request that
/// goes unanswered then gives the link way (docs/devices.md, "Several devices on one link").
/// </summary>
public sealed class BusScheduler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte, LinkedList<TaskCompletionSource>> _waiting = [];
    private readonly List<byte> _rotation = [];
    private readonly List<(byte UnitId, Action Callback)> _watchers = [];
    private int _nextInRotation;
    private bool _busy;

    /// <summary>Waits for this unit's turn; dispose the result to hand the bus on.</summary>
    public async ValueTask<BusTurn> EnterAsync(byte unitId, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        List<Action> woken;
        lock (_lock)
        {
            if (!_busy)
            {
                _busy = true;
                return new BusTurn(this);
            }

            if (!_waiting.TryGetValue(unitId, out var queue))
            {
                queue = new LinkedList<TaskCompletionSource>();
                _waiting.Add(unitId, queue);
                _rotation.Add(unitId);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = queue.AddLast(waiter);
            woken = TakeWatchersOtherThan(unitId);
        }

        woken.ForEach(callback => callback());

        await using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new BusTurn(this);
    }

    /// <summary>
    /// Calls <paramref name="callback"/> once, as soon as a unit other than <paramref name="unitId"/> waits for the
    /// bus (at once if one waits already); dispose the result to stop watching.
    /// </summary>
    public IDisposable WhenOtherUnitWaits(byte unitId, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var watcher = (unitId, callback);
        lock (_lock)
        {
            if (!OtherUnitWaitsLocked(unitId))
            {
                _watchers.Add(watcher);
                return new Watch(this, watcher);
            }
        }

        callback();
        return new Watch(this, null);
    }

    /// <summary>Whether a unit other than <paramref name="unitId"/> waits for the bus now.</summary>
    public bool OtherUnitWaits(byte unitId)
    {
        lock (_lock)
        {
            return OtherUnitWaitsLocked(unitId);
        }
    }

    internal void Release()
    {
        lock (_lock)
        {
            for (var tried = 0; tried < _rotation.Count; tried++)
            {
                var index = (_nextInRotation + tried) % _rotation.Count;
                var queue = _waiting[_rotation[index]];
                while (queue.First is { } first)
                {
                    queue.RemoveFirst();
                    if (first.Value.TrySetResult())
                    {
                        _nextInRotation = (index + 1) % _rotation.Count;
                        return;
                    }
                }
            }

            _busy = false;
        }
    }

    private bool OtherUnitWaitsLocked(byte unitId)
    {
        foreach (var (waiting, queue) in _waiting)
        {
            if (waiting != unitId && queue.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private List<Action> TakeWatchersOtherThan(byte unitId)
    {
        var woken = _watchers.Where(w => w.UnitId != unitId).Select(w => w.Callback).ToList();
        _watchers.RemoveAll(w => w.UnitId != unitId);
        return woken;
    }

    private void Unwatch((byte UnitId, Action Callback) watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Only a waiter still queued is abandoned; one already given its turn keeps it.
            if (node.List is { } list)
            {
                list.Remove(node);
                node.Value.TrySetCanceled(cancellationToken);
            }
        }
    }

    private sealed class Watch(BusScheduler bus, (byte UnitId, Action Callback)? watcher) : IDisposable
    {
        public void Dispose()
        {
            if (watcher is { } w)
            {
                bus.Unwatch(w);
            }
        }
    }
}
