using ChargeNet.Drivers.Ocpp.Upstream;

namespace ChargeNet.EdgeAgent.Ocpp.Virtual;

/// <summary>
/// What the upstream may ask of a virtual Modbus charger: the charger templates (docs/devices.md)
/// describe a current limit, not a way to begin or end a session, so a remote start or stop is
/// answered Rejected — honestly, the charger cannot do it.
/// </summary>
internal sealed class VirtualChargerControl : IOcppVirtualChargerControl
{
    public Task<bool> RemoteStartAsync(string chargerId, int connectorId, string idTag, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> RemoteStopAsync(string chargerId, string edgeTransactionId, CancellationToken cancellationToken) => Task.FromResult(false);
}
