using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteSessionStore : ISessionStore
{
    private readonly GatedCollection _sessions;

    public LiteSessionStore(LiteTransactions file)
    {
        _sessions = file.Collection("sessions");
        _sessions.Use(c => c.EnsureIndex("startedAt"));
        _sessions.Use(c => c.EnsureIndex("open"));
    }

    public Task UpsertAsync(ChargingSession session, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = ToBson(session);
        _sessions.Use(c => c.Upsert(doc));
        return _sessions.Durable(cancellationToken);
    }

    public Task<ChargingSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var doc = _sessions.Use(c => c.FindById(id));
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<ChargingSession>> ListOpenAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> open = _sessions.Use(c => c.Find(Query.EQ("open", true)).Select(FromBson).ToList());
        return Task.FromResult(open);
    }

    public Task<IReadOnlyList<ChargingSession>> ListAsync(int limit, int offset, string? chargerId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> list = _sessions.Use(sessions =>
        {
            var query = sessions.Query();
            if (chargerId is not null)
            {
                query = query.Where(Query.EQ("chargerId", chargerId));
            }

            return query
                .OrderByDescending("startedAt")
                .Offset(Math.Max(0, offset))
                .Limit(BsonValues.ClampLimit(limit))
                .ToEnumerable()
                .Select(FromBson)
                .ToList();
        });
        return Task.FromResult(list);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_sessions.Use(c => c.Count()));

    public Task<int> TrimAsync(DateTimeOffset stoppedBefore, IReadOnlySet<string> keep, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.InTransaction(sessions => sessions
            .Find(Query.And(Query.EQ("open", false), Query.LT("stoppedAt", stoppedBefore.UtcTicks)))
            .Select(d => d["_id"])
            .Where(id => !keep.Contains(id.AsString))
            .ToList()
            .Count(sessions.Delete)));

    private static BsonDocument ToBson(ChargingSession s) => new()
    {
        ["_id"] = s.Id,
        ["chargerId"] = s.ChargerId,
        ["connectorId"] = s.ConnectorId,
        ["transactionId"] = s.TransactionId is { } t ? t : BsonValue.Null,
        ["idTag"] = s.IdTag,
        ["startedAt"] = BsonValues.From(s.StartedAt),
        ["stoppedAt"] = BsonValues.From(s.StoppedAt),
        ["energyWh"] = s.EnergyWh,
        ["stopReason"] = s.StopReason,
        ["open"] = s.StoppedAt is null,
    };

    private static ChargingSession FromBson(BsonDocument d) => new(
        d["_id"].AsString,
        d["chargerId"].AsString,
        d["connectorId"].AsInt32,
        BsonValues.ToNullableInt(d["transactionId"]),
        BsonValues.ToNullableString(d["idTag"]),
        BsonValues.ToTime(d["startedAt"]),
        BsonValues.ToNullableTime(d["stoppedAt"]),
        d["energyWh"].AsDouble,
        BsonValues.ToNullableString(d["stopReason"]));
}
