using ChargeNet.Drivers.Ocpp.Upstream;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The upstream's charging profiles per relayed charger in the store file (collection
/// <c>ocpp_upstream_profiles</c>, one document per charger), so they survive a restart of the edge (docs/upstream.md, "Limits").
/// </summary>
internal sealed class LiteOcppUpstreamProfileStore(LiteTransactions file) : IOcppUpstreamProfileStore
{
    private readonly GatedCollection _profiles = file.Collection("ocpp_upstream_profiles");

    public IReadOnlyList<string> Load(string chargePointId) =>
        _profiles.Use(c => c.FindById(chargePointId)) is { } doc ? [.. doc["profiles"].AsArray.Select(p => p.AsString)] : [];

    public Task SaveAsync(string chargePointId, IReadOnlyList<string> profiles, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _profiles.InTransaction(c => profiles.Count == 0
            ? c.Delete(chargePointId)
            : c.Upsert(new BsonDocument { ["_id"] = chargePointId, ["profiles"] = new BsonArray(profiles.Select(p => new BsonValue(p))) }));
        // Acknowledged to the upstream as Accepted: on durable storage first.
        return _profiles.Durable(cancellationToken);
    }
}
