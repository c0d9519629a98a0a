using ChargeNet.Drivers.Ocpp.LocalList;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>The edge's local authorization list (the daemon's store), which every OCPP charger's list is kept equal to.</summary>
public interface ILocalListSource
{
    /// <summary>The list's version; 0 while the edge has never had a list.</summary>
    Task<int> GetVersionAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<LocalListEntry>> ListAsync(CancellationToken cancellationToken);
}
