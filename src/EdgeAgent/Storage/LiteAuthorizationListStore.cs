using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteAuthorizationListStore : IAuthorizationListStore
{
    private const string VersionKey = "localListVersion";

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _entries;
    private readonly ILiteCollection<BsonDocument> _settings;

    public LiteAuthorizationListStore(LiteDatabase database)
    {
        _database = database;
        _entries = database.GetCollection("auth_list");
        _settings = database.GetCollection("settings");
    }

    public Task<int> GetVersionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_settings.FindById(VersionKey)?["value"].AsInt32 ?? 0);

    public Task<AuthorizationEntry?> FindAsync(string idTag, CancellationToken cancellationToken)
    {
        var doc = _entries.FindById(idTag);
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<AuthorizationEntry>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AuthorizationEntry> list = _entries.FindAll().Select(FromBson).ToList();
        return Task.FromResult(list);
    }

    public Task UpdateAsync(int version, bool full, IReadOnlyList<AuthorizationEntry> upserts, IReadOnlyList<string> removals, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _database.BeginTrans();
        try
        {
            if (full)
            {
                _entries.DeleteAll();
            }

            foreach (var idTag in removals)
            {
                _entries.Delete(idTag);
            }

            foreach (var entry in upserts)
            {
                _entries.Upsert(new BsonDocument
                {
                    ["_id"] = entry.IdTag,
                    ["status"] = entry.Status,
                    ["expiryDate"] = BsonValues.From(entry.ExpiryDate),
                    ["parentIdTag"] = entry.ParentIdTag,
                });
            }

            _settings.Upsert(new BsonDocument { ["_id"] = VersionKey, ["value"] = version });
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }

        return Task.CompletedTask;
    }

    private static AuthorizationEntry FromBson(BsonDocument d) => new(
        d["_id"].AsString,
        d["status"].AsString,
        BsonValues.ToNullableTime(d["expiryDate"]),
        BsonValues.ToNullableString(d["parentIdTag"]));
}
