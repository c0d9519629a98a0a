namespace ChargeNet.SiteSimulator;

/// <summary>
/// One call at a time to a charger, as the edge's OCPP driver sends them (docs/control-loop-sessions.md, Session 14, "The
/// simulated chargers take one call at a time"): a call asked for while another is unanswered waits, in turn, until
/// that one ends — answered, or given up by its caller — and one given up while it waits is never sent. A waiting
/// call is sent on the thread that ended the one before it (the simulator's), so a seed stays one run.
/// </summary>
public sealed class OneCallGate
{
    private readonly LinkedList<Waiting> _waiting = new();
    private readonly Lock _lock = new();
    private bool _busy;

    /// <summary>A call for <paramref name="connectorId"/> waits behind another call to the charger.</summary>
    public bool IsWaiting(int connectorId)
    {
        lock (_lock)
        {
            return _waiting.Any(w => w.ConnectorId == connectorId);
        }
    }

    /// <summary>Sends (<paramref name="send"/>) now if no call is unanswered, else once the calls before it have ended.</summary>
    public Task<T> Call<T>(int connectorId, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>();
        LinkedListNode<Waiting>? node = null;
        lock (_lock)
        {
            if (_busy)
            {
                node = _waiting.AddLast(new Waiting(connectorId, () => Forward(Begin(send), completion)));
            }

            _busy = true;
        }

        if (node is null)
        {
            return Begin(send);
        }

        cancellationToken.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                removed = node.List is not null;
                if (removed)
                {
                    _waiting.Remove(node);
                }
            }

            if (removed)
            {
                completion.TrySetCanceled(cancellationToken);
            }
        });
        return completion.Task;
    }

    private Task<T> Begin<T>(Func<Task<T>> send)
    {
        var call = send();
        call.ContinueWith(_ => Next(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private void Next()
    {
        Waiting? next = null;
        lock (_lock)
        {
            if (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                next = first.Value;
            }
            else
            {
                _busy = false;
            }
        }

        next?.Send();
    }

    private static void Forward<T>(Task<T> call, TaskCompletionSource<T> completion) =>
        call.ContinueWith(
            done =>
            {
                if (done.IsCanceled)
                {
                    completion.TrySetCanceled();
                }
                else if (done.Exception is { } error)
                {
                    completion.TrySetException(error.InnerExceptions);
                }
                else
                {
                    completion.TrySetResult(done.Result);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private sealed record Waiting(int ConnectorId, Action Send);
}
