using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteSessionStore : ISessionStore
{
    private readonly LiteTransactions _file;
    private readonly GatedCollection _sessions;
    private readonly LiteOutboxStore _outbox;

    public LiteSessionStore(LiteTransactions file, LiteOutboxStore outbox)
    {
        _file = file;
        _outbox = outbox;
        _sessions = file.Collection("sessions");
        _sessions.Use(c => c.EnsureIndex("startedAt"));
        _sessions.Use(c => c.EnsureIndex("open"));
    }

    public Task UpsertAsync(ChargingSession session, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(session, null);
        return _sessions.Durable(cancellationToken);
    }

    public Task SaveAsync(ChargingSession session, OutboxCopy copy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(session, copy);
        return _sessions.Durable(cancellationToken);
    }

    /// <summary>Writes a session and its outbox copy in one transaction (the caller's, when it has one).</summary>
    internal void Write(ChargingSession session, OutboxCopy? copy)
    {
        var doc = SessionDocuments.ToBson(session);
        _file.Run(() =>
        {
            _sessions.Use(c => c.Upsert(doc));
            return copy is null ? 0 : _outbox.Insert(copy.Topic, copy.Payload, copy.QueuedAt);
        });
    }

    /// <summary>Adds energy readings to a stored session (no-op when it is gone), joining the caller's transaction.</summary>
    internal bool AddReadings(string id, IReadOnlyList<EnergyReading> readings) => _file.Run(() =>
    {
        if (readings.Count == 0 || _sessions.Use(c => c.FindById(id)) is not { } doc)
        {
            return false;
        }

        var session = SessionDocuments.FromBson(doc);
        return _sessions.Use(c => c.Update(SessionDocuments.ToBson(session with { Usage = session.Usage.WithReadings(readings) })));
    });

    public Task<bool> SetBudgetAsync(string id, SessionBudget budget, CancellationToken cancellationToken, (string IdTag, string? TariffId)? payer = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var set = _file.Run(() =>
        {
            if (_sessions.Use(c => c.FindById(id)) is not { } doc || !doc["open"].AsBoolean)
            {
                return false;
            }

            doc["budget"] = SessionDocuments.ToBson(budget);
            if (payer is { } by)
            {
                doc["idTag"] = by.IdTag;
                doc["tariffId"] = by.TariffId;
            }

            return _sessions.Use(c => c.Update(doc));
        });
        return _sessions.Durable(set, cancellationToken);
    }

    public Task<ChargingSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var doc = _sessions.Use(c => c.FindById(id));
        return Task.FromResult(doc is null ? null : SessionDocuments.FromBson(doc));
    }

    public Task<IReadOnlyList<ChargingSession>> ListOpenAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> open = _sessions.Use(c => c.Find(LiteQueries.Is("open", true)).Select(SessionDocuments.FromBson).ToList());
        return Task.FromResult(open);
    }

    public Task<IReadOnlyList<ChargingSession>> ListAsync(int limit, int offset, string? chargerId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> list = _sessions.Use(sessions =>
        {
            var query = sessions.Query();
            if (chargerId is not null)
            {
                query = query.Where(LiteQueries.Is("chargerId", chargerId));
            }

            return query
                .OrderByDescending("startedAt")
                .Offset(Math.Max(0, offset))
                .Limit(BsonValues.ClampLimit(limit))
                .ToEnumerable()
                .Select(SessionDocuments.FromBson)
                .ToList();
        });
        return Task.FromResult(list);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_sessions.Use(c => c.Count()));

    public Task<IReadOnlyList<ChargingSession>> ListStoppedAsync(DateTimeOffset stoppedFrom, DateTimeOffset stoppedBefore, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChargingSession> list = _sessions.Use(c => c
            .Find(LiteQueries.Where("open = @0 AND stoppedAt >= @1 AND stoppedAt < @2", false, stoppedFrom.UtcTicks, stoppedBefore.UtcTicks))
            .Select(SessionDocuments.FromBson)
            .OrderBy(s => s.StoppedAt)
            .ToList());
        return Task.FromResult(list);
    }

    public Task<int> TrimAsync(DateTimeOffset stoppedBefore, IReadOnlySet<string> keep, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.InTransaction(sessions => sessions
            .Find(LiteQueries.Where("open = @0 AND stoppedAt < @1", false, stoppedBefore.UtcTicks))
            .Select(d => d["_id"])
            .Where(id => !keep.Contains(id.AsString))
            .ToList()
            .Count(sessions.Delete)));
}
