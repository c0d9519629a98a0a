using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteSessionStore : ISessionStore
{
    private readonly ILiteCollection<BsonDocument> _sessions;

    public LiteSessionStore(LiteDatabase database)
    {
        _sessions = database.GetCollection("sessions");
        _sessions.EnsureIndex("startedAt");
        _sessions.EnsureIndex("open");
    }

    public Task UpsertAsync(ChargingSession session, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sessions.Upsert(ToBson(session));
        return Task.CompletedTask;
    }

    public Task<ChargingSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var doc = _sessions.FindById(id);
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<IReadOnlyList<ChargingSession>> ListOpenAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> open = _sessions.Find(Query.EQ("open", true)).Select(FromBson).ToList();
        return Task.FromResult(open);
    }

    public Task<IReadOnlyList<ChargingSession>> ListAsync(int limit, int offset, string? chargerId, CancellationToken cancellationToken)
    {
        var query = _sessions.Query();
        if (chargerId is not null)
        {
            query = query.Where(Query.EQ("chargerId", chargerId));
        }

        IReadOnlyList<ChargingSession> list = query
            .OrderByDescending("startedAt")
            .Offset(Math.Max(0, offset))
            .Limit(BsonValues.ClampLimit(limit))
            .ToEnumerable()
            .Select(FromBson)
            .ToList();
        return Task.FromResult(list);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_sessions.Count());

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
