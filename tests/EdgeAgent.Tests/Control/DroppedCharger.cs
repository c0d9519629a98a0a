using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that, once dropped, answers its reads as an OCPP charger whose WebSocket closed does: its last connector states and
/// currents, marked offline; no limit reaches it.
/// </summary>
internal sealed class DroppedCharger(ICharger inner) : ICharger
{
    private ChargerStatus? _last;

    public string Id => inner.Id;

    /// <summary>Its connection is gone.</summary>
    public bool Dropped { get; set; }

    public async Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        if (Dropped && _last is { } last)
        {
            return last with { Online = false };
        }

        _last = await inner.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        return _last;
    }

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        Dropped ? Task.FromResult(SetpointResult.Failed("not connected (test)")) : inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
}
