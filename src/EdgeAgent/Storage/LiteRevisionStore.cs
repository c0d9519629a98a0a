using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteRevisionStore : IRevisionStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _revisions;

    public LiteRevisionStore(LiteDatabase database)
    {
        _database = database;
        _revisions = database.GetCollection("config_revisions");
    }

    public Task<ConfigurationRevision> AddAsync(string json, string source, string? author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Number and insert in one transaction, so two writers never get the same number.
        _database.BeginTrans();
        try
        {
            var newest = _revisions.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
            var revision = new ConfigurationRevision(newest is null ? 1 : newest["_id"].AsInt32 + 1, now, source, author, json);
            _revisions.Insert(ToBson(revision));
            _database.Commit();
            return Task.FromResult(revision);
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public Task<ConfigurationRevision?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var doc = _revisions.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<ConfigurationRevision?> GetAsync(int number, CancellationToken cancellationToken)
    {
        var doc = _revisions.FindById(number);
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<ConfigurationRevision>> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConfigurationRevision> list = _revisions.Query()
            .OrderByDescending("_id")
            .Offset(Math.Max(0, offset))
            .Limit(BsonValues.ClampLimit(limit))
            .ToEnumerable()
            .Select(d => FromBson(d) with { Json = "" })
            .ToList();
        return Task.FromResult(list);
    }

    private static BsonDocument ToBson(ConfigurationRevision r) => new()
    {
        ["_id"] = r.Number,
        ["createdAt"] = BsonValues.From(r.CreatedAt),
        ["source"] = r.Source,
        ["author"] = r.Author,
        ["json"] = r.Json,
    };

    private static ConfigurationRevision FromBson(BsonDocument d) => new(
        d["_id"].AsInt32,
        BsonValues.ToTime(d["createdAt"]),
        d["source"].AsString,
        BsonValues.ToNullableString(d["author"]),
        d.TryGetValue("json", out var json) ? json.AsString : "");
}
