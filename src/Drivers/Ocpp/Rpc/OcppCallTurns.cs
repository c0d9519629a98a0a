using System.Diagnostics.CodeAnalysis;

namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// Whose CALL goes on the wire next: one at a time (OCPP-J 1.6 section 4.1.1), in the order asked — but a call that gives way
/// (an ask the edge makes of its own accord after a reconnect: docs/ocpp.md, "After a restart of the edge") goes only while no
/// other call waits, and once on its way is given up the moment another comes (<see cref="Turn.GiveWay"/>). A station that
/// never answers such asks would otherwise hold each call behind them, a limit too, for the call timeout per ask.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Each turn is disposed when it is handed on (Release); the one held when the connection ends goes with its call's finally.")]
internal sealed class OcppCallTurns
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<Turn>> _inOrder = new();
    private readonly LinkedList<TaskCompletionSource<Turn>> _givingWay = new();
    private Turn? _current;

    /// <summary>Waits for the turn; the caller hands it back with <see cref="Release"/>.</summary>
    public async Task<Turn> TakeAsync(bool givesWay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested(); // a call given up already has nothing given way to it
        TaskCompletionSource<Turn> waiter;
        LinkedListNode<TaskCompletionSource<Turn>> node;
        Turn? toGiveWay;
        lock (_lock)
        {
            if (_current is null)
            {
                return _current = new Turn(givesWay);
            }

            waiter = new TaskCompletionSource<Turn>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (givesWay ? _givingWay : _inOrder).AddLast(waiter);
            toGiveWay = !givesWay && _current.GivesWay ? _current : null;
        }

        toGiveWay?.GiveWayNow();
        await using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                if (node.List is { } list)
                {
                    list.Remove(node); // still waiting: it never gets the turn (one granted meanwhile is the caller's to release)
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        }).ConfigureAwait(false);
        return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Hands the turn on: to the first call waiting in order, else to the first that gives way.</summary>
    public void Release(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        TaskCompletionSource<Turn>? next;
        Turn? nextTurn = null;
        lock (_lock)
        {
            if (!ReferenceEquals(_current, turn))
            {
                return;
            }

            var queue = _inOrder.First is not null ? _inOrder : _givingWay;
            next = queue.First?.Value;
            if (next is not null)
            {
                queue.RemoveFirst();
                nextTurn = new Turn(ReferenceEquals(queue, _givingWay));
            }

            _current = nextTurn;
        }

        turn.Dispose();
        next?.TrySetResult(nextTurn!);
    }

    /// <summary>One call's turn on the wire.</summary>
    internal sealed class Turn : IDisposable
    {
        private readonly CancellationTokenSource? _giveWay;

        public Turn(bool givesWay)
        {
            GivesWay = givesWay;
            _giveWay = givesWay ? new CancellationTokenSource() : null;
        }

        public bool GivesWay { get; }

        /// <summary>Fires when another call waits behind this one, which gives way; never for a call in order.</summary>
        public CancellationToken GiveWay => _giveWay?.Token ?? CancellationToken.None;

        internal void GiveWayNow()
        {
            try
            {
                _giveWay?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Its call ended meanwhile: the turn is already handed on.
            }
        }

        public void Dispose() => _giveWay?.Dispose();
    }
}
