using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteAuthorizationListStore : IAuthorizationListStore
{
    private const string VersionKey = "localListVersion";

    private readonly GatedCollection _entries;
    private readonly GatedCollection _settings;

    public LiteAuthorizationListStore(LiteTransactions file)
    {
        _entries = file.Collection("auth_list");
        _settings = file.Collection("settings");
    }

    public Task<int> GetVersionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_settings.Use(c => c.FindById(VersionKey))?["value"].AsInt32 ?? 0);

    public Task<AuthorizationEntry?> FindAsync(string idTag, CancellationToken cancellationToken)
    {
        var doc = _entries.Use(c => c.FindById(idTag));
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<AuthorizationEntry>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AuthorizationEntry> list = _entries.Use(c => c.FindAll().Select(FromBson).ToList());
        return Task.FromResult(list);
    }

    public Task<int> ReplaceAsync(IReadOnlyList<AuthorizationEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = _entries.InTransaction(collection =>
        {
            var next = (_settings.Use(c => c.FindById(VersionKey))?["value"].AsInt32 ?? 0) + Math.Max(1, entries.Count);
            collection.DeleteAll();
            foreach (var entry in entries)
            {
                collection.Upsert(new BsonDocument
                {
                    ["_id"] = entry.IdTag,
                    ["status"] = entry.Status,
                    ["expiryDate"] = BsonValues.From(entry.ExpiryDate),
                    ["parentIdTag"] = entry.ParentIdTag,
                    ["tariff"] = entry.Tariff,
                });
            }

            _settings.Use(settings => settings.Upsert(new BsonDocument { ["_id"] = VersionKey, ["value"] = next }));
            return next;
        });
        return _entries.Durable(version, cancellationToken);
    }

    private static AuthorizationEntry FromBson(BsonDocument d) => new(
        d["_id"].AsString,
        d["status"].AsString,
        BsonValues.ToNullableTime(d["expiryDate"]),
        BsonValues.ToNullableString(d["parentIdTag"]),
        BsonValues.ToNullableString(d["tariff"]));
}
