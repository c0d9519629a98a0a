namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// One request at a time on a bus, and fair between devices: when several unit ids wait, turns go round
/// them in order, so one busy device cannot starve the others. Within one unit id, first come first served.
/// </summary>
public sealed class BusScheduler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte, LinkedList<TaskCompletionSource>> _waiting = [];
    private readonly List<byte> _rotation = [];
    private int _nextInRotation;
    private bool _busy;

    /// <summary>Waits for this unit's turn; dispose the result to hand the bus on.</summary>
    public async ValueTask<BusTurn> EnterAsync(byte unitId, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
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
        }

        await using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new BusTurn(this);
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
}
