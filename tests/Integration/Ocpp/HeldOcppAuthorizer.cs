using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// An authorizer that holds each answer until the test releases it, as a slow disk holds the
/// edge's answer — and, like a write under way, not cut short when the connection ends: the
/// charger's connection is then busy with a call when the test closes it.
/// </summary>
internal sealed class HeldOcppAuthorizer : IOcppAuthorizer
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _entered = NewSignal();
    private TaskCompletionSource _released = NewSignal();

    /// <summary>Completes when the next Authorize reaches the authorizer.</summary>
    public Task Held()
    {
        lock (_lock)
        {
            _entered = NewSignal();
            _released = NewSignal();
            return _entered.Task;
        }
    }

    /// <summary>Lets the held Authorize answer.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _released.TrySetResult();
        }
    }

    public async Task<IdTagInfo> AuthorizeAsync(string chargePointId, string idTag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Task released;
        lock (_lock)
        {
            _entered.TrySetResult();
            released = _released.Task;
        }

        // Like a disk write, it does not give up when the connection goes (bounded so a failing test ends).
        await released.WaitAsync(OcppPeer.Timeout, CancellationToken.None);
        return new IdTagInfo(AuthorizationStatus.Accepted);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
