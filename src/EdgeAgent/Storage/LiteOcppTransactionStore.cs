using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// OCPP transactions in the store: ids from a counter that survives restarts, each message recorded
/// once by its idempotency key (a replayed or repeated message is answered again, not recorded
/// twice), and every transaction kept as a charging session. Each call returns once its record is
/// on durable storage (fsynced), so the charger's reply goes out only once the record is safe; a
/// repeated message waits too, as its first copy may still be on its way to the disk.
/// </summary>
internal sealed class LiteOcppTransactionStore : IOcppTransactionStore
{
    private const string CounterKey = "ocppNextTransactionId";

    private readonly LiteTransactions _writes;
    private readonly GatedCollection _keys;
    private readonly GatedCollection _transactions;
    private readonly GatedCollection _settings;
    private readonly ISessionStore _sessions;
    private readonly GatedCollection _sessionDocuments;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public LiteOcppTransactionStore(LiteTransactions file, ISessionStore sessions, TimeProvider time)
    {
        _writes = file;
        _sessions = sessions;
        _time = time;
        _keys = file.Collection("ocpp_message_keys");
        _transactions = file.Collection("ocpp_transactions");
        _settings = file.Collection("settings");
        _sessionDocuments = file.Collection("sessions");
        // When each key was recorded, for retention (keys of files before this have none: they go at the first sweep).
        _keys.Use(c => c.EnsureIndex("at"));
        _transactions.Use(c => c.EnsureIndex("startedAt"));
    }

    /// <summary>
    /// Forgets message keys recorded before <paramref name="before"/>, and transactions started
    /// before it whose session is finished (or gone): a replay older than that would be recorded
    /// again. Returns how many documents went.
    /// </summary>
    public Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(_writes.Run(() =>
        {
            var keys = _keys.Use(c => c.DeleteMany(Query.LT("at", before.UtcTicks)));
            var finished = _transactions.Use(c => c.Find(Query.LT("startedAt", before.UtcTicks)).ToList())
                .Where(t => _sessionDocuments.Use(s => s.FindById(t["sessionId"]))?["open"].AsBoolean != true)
                .Select(t => t["_id"])
                .ToList();
            return keys + finished.Count(id => _transactions.Use(c => c.Delete(id)));
        }));

    /// <summary>How many message keys are kept (for the retention tests).</summary>
    internal int KeyCount => _keys.Use(c => c.Count());

    private BsonDocument Key(string idempotencyKey) => new() { ["_id"] = idempotencyKey, ["at"] = BsonValues.From(_time.GetUtcNow()) };

    /// <summary>
    /// Raised when a transaction has stopped, inside the store transaction that keeps its session:
    /// a listener's writes (the cloud outbox's copy) commit with it, or neither does.
    /// </summary>
    public event Action<ChargingSession>? SessionFinished;

    public Task<int> StartTransactionAsync(OcppTransactionStart start, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _keys.Durable(Start(start, cancellationToken), cancellationToken);
    }

    private int Start(OcppTransactionStart start, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Use(c => c.FindById(start.IdempotencyKey)) is { } seen)
            {
                return seen["transactionId"].AsInt32;
            }

            var transactionId = InTransaction(() =>
            {
                var id = _settings.Use(c => c.FindById(CounterKey))?["value"].AsInt32 ?? 1;
                _settings.Use(c => c.Upsert(new BsonDocument { ["_id"] = CounterKey, ["value"] = id + 1 }));
                var sessionId = $"ocpp-{start.ChargePointId}-{id}";
                _transactions.Use(c => c.Insert(new BsonDocument
                {
                    ["_id"] = id,
                    ["sessionId"] = sessionId,
                    ["chargePointId"] = start.ChargePointId,
                    ["connectorId"] = start.ConnectorId,
                    ["idTag"] = start.IdTag,
                    ["meterStartWh"] = start.MeterStartWh,
                    ["startedAt"] = BsonValues.From(start.StartedAt),
                    ["reservationId"] = start.ReservationId is { } r ? r : BsonValue.Null,
                }));
                var key = Key(start.IdempotencyKey);
                key["transactionId"] = id;
                _keys.Use(c => c.Insert(key));
                _sessions.UpsertAsync(
                    new ChargingSession(sessionId, start.ChargePointId, start.ConnectorId, id, start.IdTag, start.StartedAt, null, 0, null),
                    cancellationToken).GetAwaiter().GetResult();
                return id;
            });
            return transactionId;
        }
    }

    public Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_transactions.Use(c => c.FindById(transactionId))?["chargePointId"].AsString);
    }

    public Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _keys.Use(keys => keys.FindById(meterValues.IdempotencyKey) is null
                && keys.Insert(WithCount(Key(meterValues.IdempotencyKey), meterValues.MeterValues.Count)) is not null);
        }

        return _keys.Durable(cancellationToken);
    }

    public Task<OcppStopResult> StopTransactionAsync(OcppTransactionStop stopped, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _keys.Durable(Stop(stopped, cancellationToken), cancellationToken);
    }

    private OcppStopResult Stop(OcppTransactionStop stopped, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // By id AND charge point: another charge point's transaction is never this stop's start.
            var started = _transactions.Use(c => c.FindById(stopped.TransactionId)) is { } found && found["chargePointId"].AsString == stopped.ChargePointId ? found : null;
            var start = started is null ? null : new OcppTransactionStart(
                "", started["chargePointId"].AsString, started["connectorId"].AsInt32, started["idTag"].AsString,
                started["meterStartWh"].AsInt64, BsonValues.ToTime(started["startedAt"]), BsonValues.ToNullableInt(started["reservationId"]));
            var built = OcppSessionBuilder.Build(stopped, start);

            // A stop for a transaction this edge never saw start (including -1) is still billing data: keep it.
            var sessionId = started?["sessionId"].AsString ?? built.Id;
            var session = built with { Id = sessionId };
            if (_keys.Use(c => c.FindById(stopped.IdempotencyKey)) is not null)
            {
                return new OcppStopResult(session, false);
            }

            var finished = new ChargingSession(
                sessionId, session.ChargePointId, session.ConnectorId ?? 0, session.TransactionId, session.IdTag,
                session.StartedAt ?? session.StoppedAt, session.StoppedAt, session.EnergyWh ?? 0, session.StopReason);
            InTransaction(() =>
            {
                var key = Key(stopped.IdempotencyKey);
                key["sessionId"] = sessionId;
                _keys.Use(c => c.Insert(key));
                _sessions.UpsertAsync(finished, cancellationToken).GetAwaiter().GetResult();
                SessionFinished?.Invoke(finished);
                return 0;
            });
            return new OcppStopResult(session, true);
        }
    }

    private T InTransaction<T>(Func<T> work) => _writes.Run(work);

    private static BsonDocument WithCount(BsonDocument key, int meterValues)
    {
        key["meterValues"] = meterValues;
        return key;
    }
}
