using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteRevisionStore : IRevisionStore
{
    private readonly GatedCollection _revisions;

    public LiteRevisionStore(LiteTransactions file)
    {
        _revisions = file.Collection("config_revisions");
    }

    public Task<ConfigurationRevision> AddAsync(string json, string source, string? author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Numbered and inserted alone, so two writers never get the same number; in one transaction,
        // which joins the caller's (WriteTogether) instead of committing it half way.
        return _revisions.Durable(_revisions.InTransaction(revisions =>
        {
            var newest = revisions.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
            var revision = new ConfigurationRevision(newest is null ? 1 : newest["_id"].AsInt32 + 1, now, source, author, json);
            revisions.Insert(ToBson(revision));
            return revision;
        }), cancellationToken);
    }

    public Task<ConfigurationRevision?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var doc = _revisions.Use(c => c.Query().OrderByDescending("_id").Limit(1).FirstOrDefault());
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<ConfigurationRevision?> GetLatestNotFromAsync(string source, CancellationToken cancellationToken)
    {
        var doc = _revisions.Use(c => c.Query().Where(LiteQueries.IsNot("source", source)).OrderByDescending("_id").Limit(1).FirstOrDefault());
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<ConfigurationRevision?> GetAsync(int number, CancellationToken cancellationToken)
    {
        var doc = _revisions.Use(c => c.FindById(number));
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<ConfigurationRevision>> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConfigurationRevision> list = _revisions.Use(c => c.Query()
            .OrderByDescending("_id")
            .Offset(Math.Max(0, offset))
            .Limit(BsonValues.ClampLimit(limit))
            .ToEnumerable()
            .Select(d => FromBson(d) with { Json = "" })
            .ToList());
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

    public Task<int> TrimAsync(int keep, CancellationToken cancellationToken) =>
        Task.FromResult(_revisions.InTransaction(revisions =>
        {
            var cutoff = revisions.Query().OrderByDescending("_id").Offset(Math.Max(1, keep) - 1).Limit(1).FirstOrDefault();
            return cutoff is null ? 0 : revisions.DeleteMany(LiteQueries.Below("_id", cutoff["_id"]));
        }));

    private static ConfigurationRevision FromBson(BsonDocument d) => new(
        d["_id"].AsInt32,
        BsonValues.ToTime(d["createdAt"]),
        d["source"].AsString,
        BsonValues.ToNullableString(d["author"]),
        d.TryGetValue("json", out var json) ? json.AsString : "");
}
