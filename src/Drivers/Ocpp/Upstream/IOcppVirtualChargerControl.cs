namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// What the upstream may ask of a virtual charger (docs/upstream.md, "Virtual chargers"): the host
/// does it when the charger can, and says whether it did.
/// </summary>
public interface IOcppVirtualChargerControl
{
    /// <summary>RemoteStartTransaction: true when a session was started (or let start) on the connector for <paramref name="idTag"/>.</summary>
    Task<bool> RemoteStartAsync(string chargerId, int connectorId, string idTag, CancellationToken cancellationToken);

    /// <summary>RemoteStopTransaction of the session the edge knows by <paramref name="edgeTransactionId"/>: true when charging stopped.</summary>
    Task<bool> RemoteStopAsync(string chargerId, string edgeTransactionId, CancellationToken cancellationToken);
}
