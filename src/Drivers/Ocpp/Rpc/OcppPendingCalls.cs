using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// Matches CALLRESULT/CALLERROR frames to the CALLs waiting for them. Fails every waiter when the
/// connection ends and takes no new waiter after that.
/// </summary>
public sealed class OcppPendingCalls
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OcppFrame>> _waiters = new(StringComparer.Ordinal);
    private volatile Exception? _closedReason;

    /// <summary>Registers a waiter for <paramref name="messageId"/>.</summary>
    public Task<OcppFrame> Register(string messageId)
    {
        var waiter = new TaskCompletionSource<OcppFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_closedReason is { } closed)
        {
            throw new OcppRpcException("The connection is closed.", closed);
        }

        if (!_waiters.TryAdd(messageId, waiter))
        {
            throw new InvalidOperationException($"A call with message id {messageId} is already waiting.");
        }

        // A close that raced with the registration still fails this waiter.
        if (_closedReason is { } closedNow && _waiters.TryRemove(messageId, out _))
        {
            throw new OcppRpcException("The connection is closed.", closedNow);
        }

        return waiter.Task;
    }

    /// <summary>Completes the waiter for a reply; false when nobody waits for it (late or unknown id).</summary>
    public bool TryComplete(OcppFrame reply) =>
        _waiters.TryRemove(reply.MessageId, out var waiter) && waiter.TrySetResult(reply);

    /// <summary>Forgets a waiter that gave up (timeout, cancellation).</summary>
    public void Abandon(string messageId) => _waiters.TryRemove(messageId, out _);

    /// <summary>Fails every waiter and refuses new ones.</summary>
    public void FailAll(Exception reason)
    {
        _closedReason = reason;
        foreach (var id in _waiters.Keys)
        {
            if (_waiters.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(new OcppRpcException("The connection closed before the reply came.", reason));
            }
        }
    }
}
