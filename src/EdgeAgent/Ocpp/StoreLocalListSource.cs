using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>The edge's local authorization list, from the store, for the chargers' lists (docs/ocpp.md, "Local authorization list on the chargers").</summary>
public sealed class StoreLocalListSource(IEdgeStore store) : ILocalListSource
{
    public Task<int> GetVersionAsync(CancellationToken cancellationToken) => store.AuthorizationList.GetVersionAsync(cancellationToken);

    public async Task<IReadOnlyList<LocalListEntry>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.AuthorizationList.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(e => new LocalListEntry(e.IdTag, e.Status, e.ExpiryDate, e.ParentIdTag))];
}
