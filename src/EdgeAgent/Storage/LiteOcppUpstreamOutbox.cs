using ChargeNet.Drivers.Ocpp.Upstream;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The relay's queue for the upstream central system and its transaction-id mapping, in the store
/// file (collections <c>ocpp_upstream_outbox</c> and <c>ocpp_upstream_transactions</c>), so both
/// survive a restart of the edge (docs/upstream.md). A delivered (or dropped) message stays, marked,
/// so the same message sent again by the charger is still recognised, until it is one of more than
/// the charger's newest done ones kept (<see cref="ForgetDoneAsync"/>). The newest message of the
/// file is always kept, so LiteDB never hands out its number again.
/// </summary>
internal sealed class LiteOcppUpstreamOutbox : IOcppUpstreamOutbox
{
    // A message kept past retention until released (HoldAsync): a remote stop's StopTransaction while its session goes on.
    private const string Held = "held";

    private readonly GatedCollection _messages;
    private readonly GatedCollection _transactions;

    public LiteOcppUpstreamOutbox(LiteTransactions file)
    {
        _messages = file.Collection("ocpp_upstream_outbox", BsonAutoId.Int64);
        _messages.Use(c => c.EnsureIndex("key", unique: true));
        _messages.Use(c => c.EnsureIndex("waiting"));
        _messages.Use(c => c.EnsureIndex("done"));
        MarkDoneOfEarlierVersions();
        _transactions = file.Collection("ocpp_upstream_transactions");
        _transactions.Use(c => c.EnsureIndex("upstream"));
    }

    public async Task<OcppUpstreamMessage?> AddAsync(string chargePointId, string action, string payload, string? edgeTransactionId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var messageId = Guid.NewGuid().ToString("N");
        var sequence = _messages.InTransaction(c =>
        {
            if (c.Exists(LiteQueries.Is("key", key)))
            {
                return (long?)null;
            }

            return c.Insert(new BsonDocument
            {
                ["chargePointId"] = chargePointId,
                ["messageId"] = messageId,
                ["action"] = action,
                ["payload"] = payload,
                ["edgeTransactionId"] = edgeTransactionId,
                ["key"] = key,
                ["queuedAt"] = BsonValues.From(now),
                // The charger's id while it waits, null once delivered: the index holds only what waits.
                ["waiting"] = chargePointId,
            }).AsInt64;
        });
        return sequence is { } added
            ? await _messages.Durable(new OcppUpstreamMessage(added, chargePointId, messageId, action, payload, edgeTransactionId, key, now), cancellationToken).ConfigureAwait(false)
            : null;
    }

    public Task<bool> ContainsAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_messages.Use(c => c.Exists(LiteQueries.Is("key", key))));

    public Task<OcppUpstreamMessage?> OldestAsync(string chargePointId, CancellationToken cancellationToken) =>
        Task.FromResult(MessageOf(_messages.Use(c => c.Query().Where(LiteQueries.Is("waiting", chargePointId)).OrderBy("_id").Limit(1).ToList()).FirstOrDefault()));

    public async Task<OcppUpstreamMessage?> DropOldestAsync(string chargePointId, CancellationToken cancellationToken)
    {
        var dropped = _messages.InTransaction(c =>
        {
            var doc = c.Query().Where(LiteQueries.Where("waiting = @0 AND edgeTransactionId = @1", chargePointId, BsonValue.Null)).OrderBy("_id").Limit(1).ToList().FirstOrDefault();
            if (doc is not null)
            {
                // Out of the queue, kept like a delivered one (its key still recognised), marked as never sent.
                MarkDone(doc);
                doc["dropped"] = true;
                c.Update(doc);
            }

            return doc;
        });
        return dropped is null ? null : await _messages.Durable(MessageOf(dropped), cancellationToken).ConfigureAwait(false);
    }

    public Task<int> CountAsync(string chargePointId, CancellationToken cancellationToken) =>
        Task.FromResult(_messages.Use(c => c.Count(LiteQueries.Is("waiting", chargePointId))));

    public Task DeliveredAsync(OcppUpstreamMessage message, string? upstreamTransactionId, CancellationToken cancellationToken)
    {
        // The mapping and the mark in one commit: a restart between them would send the next message without the upstream's id.
        _messages.InTransaction(messages =>
        {
            if (upstreamTransactionId is not null && message.EdgeTransactionId is { } edge)
            {
                _transactions.Use(t => t.Upsert(new BsonDocument
                {
                    ["_id"] = $"{message.ChargePointId}:{edge}",
                    ["upstream"] = $"{message.ChargePointId}:{upstreamTransactionId}",
                }));
            }

            var doc = messages.FindById(message.Sequence);
            MarkDone(doc);
            return messages.Update(doc);
        });
        return _messages.Durable(cancellationToken);
    }

    public Task<int> ForgetDoneAsync(string chargePointId, int keep, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not made durable on its own: a power cut that undoes it only leaves more to forget next time.
        return Task.FromResult(_messages.InTransaction(c =>
        {
            var forgotten = c.Query().Where(LiteQueries.Is("done", chargePointId)).OrderByDescending("_id").Offset(keep).ToList().Where(d => !d.ContainsKey(Held)).ToList();
            foreach (var doc in forgotten)
            {
                if (MessageOf(doc)!.EndsMappedTransaction)
                {
                    _transactions.Use(t => t.Delete($"{chargePointId}:{doc["edgeTransactionId"].AsString}"));
                }

                c.Delete(doc["_id"]);
            }

            return forgotten.Count;
        }));
    }

    public Task HoldAsync(string key, CancellationToken cancellationToken) => MarkHeldAsync(key, true, cancellationToken);

    public Task ReleaseAsync(string key, CancellationToken cancellationToken) => MarkHeldAsync(key, false, cancellationToken);

    public Task<string?> UpstreamTransactionIdAsync(string chargePointId, string edgeTransactionId, CancellationToken cancellationToken) =>
        Task.FromResult(_transactions.Use(c => c.FindById($"{chargePointId}:{edgeTransactionId}")) is { } doc ? doc["upstream"].AsString[(chargePointId.Length + 1)..] : null);

    public Task<string?> EdgeTransactionIdAsync(string chargePointId, string upstreamTransactionId, CancellationToken cancellationToken) =>
        Task.FromResult(_transactions.Use(c => c.FindOne(LiteQueries.Is("upstream", $"{chargePointId}:{upstreamTransactionId}"))) is { } doc ? doc["_id"].AsString[(chargePointId.Length + 1)..] : null);

    private Task MarkHeldAsync(string key, bool held, CancellationToken cancellationToken)
    {
        var changed = _messages.InTransaction(c =>
        {
            if (c.FindOne(LiteQueries.Is("key", key)) is not { } doc || doc.ContainsKey(Held) == held)
            {
                return false;
            }

            if (held)
            {
                doc[Held] = true;
            }
            else
            {
                doc.Remove(Held);
            }

            return c.Update(doc);
        });
        // Held before the charger's next messages may forget it: on durable storage first.
        return changed ? _messages.Durable(cancellationToken) : Task.CompletedTask;
    }

    // Out of the queue ("waiting", indexed, holds only what waits) and among the charger's done ones ("done", indexed, what may be forgotten).
    private static void MarkDone(BsonDocument doc)
    {
        doc["waiting"] = BsonValue.Null;
        doc["done"] = doc["chargePointId"];
    }

    /// <summary>
    /// A file written before messages were forgotten has done ones without the mark: they get it, so
    /// they are forgotten too. Reads only what the "done" index holds unmarked: what waits, and those.
    /// </summary>
    private void MarkDoneOfEarlierVersions() => _messages.InTransaction(c =>
    {
        var unmarked = c.Find(LiteQueries.Is("done", BsonValue.Null)).Where(d => d["waiting"].IsNull).ToList();
        foreach (var doc in unmarked)
        {
            MarkDone(doc);
            c.Update(doc);
        }

        return unmarked.Count;
    });

    private static OcppUpstreamMessage? MessageOf(BsonDocument? doc) =>
        doc is null ? null : new OcppUpstreamMessage(
            doc["_id"].AsInt64,
            doc["chargePointId"].AsString,
            doc["messageId"].AsString,
            doc["action"].AsString,
            doc["payload"].AsString,
            BsonValues.ToNullableString(doc["edgeTransactionId"]),
            doc["key"].AsString,
            BsonValues.ToTime(doc["queuedAt"]));
}
