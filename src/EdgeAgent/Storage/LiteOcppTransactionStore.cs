using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// OCPP transactions in the store: ids from a counter that survives restarts, each message recorded
/// once by its idempotency key (a replayed or repeated message is answered again, not recorded
/// twice), and every transaction kept as a charging session. Each call returns once its record is
/// on durable storage (fsynced), so the charger's reply goes out only once the record is safe; a
/// repeated message waits too, as its first copy may still be on its way to the disk.
/// </summary>
internal sealed class LiteOcppTransactionStore : IOcppTransactionLedger
{
    private const string CounterKey = "ocppNextTransactionId";

    private readonly LiteTransactions _writes;
    private readonly GatedCollection _keys;
    private readonly GatedCollection _transactions;
    private readonly GatedCollection _settings;
    private readonly LiteSessionStore _sessions;
    private readonly GatedCollection _sessionDocuments;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public LiteOcppTransactionStore(LiteTransactions file, LiteSessionStore sessions, TimeProvider time)
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
            var keys = _keys.Use(c => c.DeleteMany(LiteQueries.Below("at", before.UtcTicks)));
            var finished = _transactions.Use(c => c.Find(LiteQueries.Below("startedAt", before.UtcTicks)).ToList())
                .Where(t => _sessionDocuments.Use(s => s.FindById(t["sessionId"]))?["open"].AsBoolean != true)
                .Select(t => t["_id"])
                .ToList();
            return keys + finished.Count(id => _transactions.Use(c => c.Delete(id)));
        }));

    /// <summary>How many message keys are kept (for the retention tests).</summary>
    internal int KeyCount => _keys.Use(c => c.Count());

    private BsonDocument Key(string idempotencyKey) => new() { ["_id"] = idempotencyKey, ["at"] = BsonValues.From(_time.GetUtcNow()) };

    public Task<OcppStarted> StartTransactionAsync(OcppTransactionStart start, string? tariffId, SessionBudget? budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _keys.Durable(Start(start, tariffId, budget), cancellationToken);
    }

    private OcppStarted Start(OcppTransactionStart start, string? tariffId, SessionBudget? budget)
    {
        lock (_lock)
        {
            if (_keys.Use(c => c.FindById(start.IdempotencyKey)) is { } seen)
            {
                var id = seen["transactionId"].AsInt32;
                return Started(_transactions.Use(c => c.FindById(id))!);
            }

            return _writes.Run(() =>
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
                    ["stationTransactionId"] = start.StationTransactionId,
                }));
                var key = Key(start.IdempotencyKey);
                key["transactionId"] = id;
                _keys.Use(c => c.Insert(key));
                var session = new ChargingSession(sessionId, start.ChargePointId, start.ConnectorId, ChargerIdOf(id, start), start.IdTag, start.StartedAt, null, 0, null, tariffId, Budget: budget)
                {
                    Usage = SessionUsage.None with { Readings = [new EnergyReading(start.StartedAt, start.MeterStartWh)] },
                };
                _sessions.Write(session, null);
                return new OcppStarted(id, start with { IdempotencyKey = "" }, session);
            });
        }
    }

    public Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_transactions.Use(c => c.FindById(transactionId))?["chargePointId"].AsString);
    }

    public Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, IReadOnlyList<EnergyReading> readings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_keys.Use(c => c.FindById(meterValues.IdempotencyKey)) is null)
            {
                // A transaction of another charge point is never this message's.
                var sessionId = meterValues.TransactionId is { } t && _transactions.Use(c => c.FindById(t)) is { } found
                    && found["chargePointId"].AsString == meterValues.ChargePointId ? found["sessionId"].AsString : null;
                _writes.Run(() =>
                {
                    _keys.Use(keys => keys.Insert(WithCount(Key(meterValues.IdempotencyKey), meterValues.MeterValues.Count)));
                    return sessionId is not null && _sessions.AddReadings(sessionId, readings);
                });
            }
        }

        return _keys.Durable(cancellationToken);
    }

    public Task<OcppStarted?> FindStartAsync(int transactionId, string chargePointId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = _transactions.Use(c => c.FindById(transactionId));
        return Task.FromResult(found is not null && found["chargePointId"].AsString == chargePointId ? Started(found) : null);
    }

    // A key seen waits for the disk: its first copy may still be on its way there.
    public Task<bool> WasRecordedAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        _keys.Use(c => c.FindById(idempotencyKey)) is null ? Task.FromResult(false) : _keys.Durable(true, cancellationToken);

    public Task<bool> RecordStopAsync(string idempotencyKey, ChargingSession finished, OutboxCopy copy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool recorded;
        lock (_lock)
        {
            recorded = _keys.Use(c => c.FindById(idempotencyKey)) is null && _writes.Run(() =>
            {
                var key = Key(idempotencyKey);
                key["sessionId"] = finished.Id;
                _keys.Use(c => c.Insert(key));
                _sessions.Write(finished, copy);
                return true;
            });
        }

        // A repeat waits too: its first copy may still be on its way to the disk.
        return _keys.Durable(recorded, cancellationToken);
    }

    private OcppStarted Started(BsonDocument transaction)
    {
        var id = transaction["_id"].AsInt32;
        var start = new OcppTransactionStart(
            "", transaction["chargePointId"].AsString, transaction["connectorId"].AsInt32, transaction["idTag"].AsString,
            transaction["meterStartWh"].AsInt64, BsonValues.ToTime(transaction["startedAt"]), BsonValues.ToNullableInt(transaction["reservationId"]),
            BsonValues.ToNullableString(transaction["stationTransactionId"]));
        var session = _sessionDocuments.Use(c => c.FindById(transaction["sessionId"])) is { } doc
            ? SessionDocuments.FromBson(doc)
            : new ChargingSession(transaction["sessionId"].AsString, start.ChargePointId, start.ConnectorId, ChargerIdOf(id, start), start.IdTag, start.StartedAt, null, 0, null);
        return new OcppStarted(id, start, session);
    }

    // A 2.0.1 session carries the station's id; a 1.6 one the store's number, which is the charger's.
    private static ChargerTransactionId ChargerIdOf(int id, OcppTransactionStart start) =>
        start.StationTransactionId is { } station ? ChargerTransactionId.FromStation(station) : ChargerTransactionId.FromNumber(id);

    private static BsonDocument WithCount(BsonDocument key, int meterValues)
    {
        key["meterValues"] = meterValues;
        return key;
    }
}
