using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteOutboxStore : IOutboxStore
{
    private readonly GatedCollection _outbox;
    private readonly GatedCollection _deadLetters;

    public LiteOutboxStore(LiteTransactions file)
    {
        // Int64 auto ids grow with each insert and order the queue, also across restarts (LiteDB may
        // reuse the number of a removed newest message; the payload's own id is what the cloud dedupes on).
        _outbox = file.Collection("outbox", BsonAutoId.Int64);
        _outbox.Use(c => c.EnsureIndex("topic"));
        _deadLetters = file.Collection("outbox_dead_letters", BsonAutoId.Int64);
    }

    public Task<OutboxMessage> EnqueueAsync(string topic, string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sequence = Insert(topic, payload, now);
        return _outbox.Durable(new OutboxMessage(sequence, topic, payload, now), cancellationToken);
    }

    /// <summary>Queues a message, joining the caller's transaction when there is one; returns its sequence number.</summary>
    internal long Insert(string topic, string payload, DateTimeOffset now)
    {
        var doc = new BsonDocument
        {
            ["topic"] = topic,
            ["payload"] = payload,
            ["createdAt"] = BsonValues.From(now),
        };
        return _outbox.Use(c => c.Insert(doc)).AsInt64;
    }

    public Task<IReadOnlyList<OutboxMessage>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> list = _outbox.Use(c => c.Query()
            .OrderBy("_id")
            .Limit(BsonValues.ClampLimit(max))
            .ToEnumerable()
            .Select(d => new OutboxMessage(d["_id"].AsInt64, d["topic"].AsString, d["payload"].AsString, BsonValues.ToTime(d["createdAt"])))
            .ToList());
        return Task.FromResult(list);
    }

    // Removals are not waited for: a removal lost at a power cut sends its message again, which the cloud dedupes.
    public Task RemoveAsync(long sequence, CancellationToken cancellationToken)
    {
        _outbox.Use(c => c.Delete(sequence));
        return Task.CompletedTask;
    }

    public Task<int> RemoveAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        // One seek per id in one commit: a query with IN over the ids would test every queued message against every id.
        return Task.FromResult(_outbox.InTransaction(outbox => sequences.Count(s => outbox.Delete(s))));
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_outbox.Use(c => c.Count()));

    public Task<int> CountAsync(string topic, CancellationToken cancellationToken) => Task.FromResult(_outbox.Use(c => c.Count(LiteQueries.Is("topic", topic))));

    public Task<int> DropOldestAsync(string topic, int keep, CancellationToken cancellationToken) =>
        Task.FromResult(_outbox.Use(outbox =>
        {
            var excess = outbox.Count(LiteQueries.Is("topic", topic)) - Math.Max(0, keep);
            if (excess <= 0)
            {
                return 0;
            }

            var oldest = outbox.Query().Where(LiteQueries.Is("topic", topic)).OrderBy("_id").Limit(excess)
                .ToEnumerable().Select(d => d["_id"]).ToList();
            return oldest.Count(id => outbox.Delete(id));
        }));

    public Task MoveAsideAsync(OutboxMessage message, string reason, DateTimeOffset now, int keep, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _outbox.InTransaction(outbox =>
        {
            _deadLetters.InTransaction(dead =>
            {
                dead.Insert(new BsonDocument
                {
                    ["sequence"] = message.Sequence,
                    ["topic"] = message.Topic,
                    ["payload"] = message.Payload,
                    ["createdAt"] = BsonValues.From(message.CreatedAt),
                    ["movedAt"] = BsonValues.From(now),
                    ["reason"] = reason,
                });
                var excess = dead.Count() - Math.Max(1, keep);
                if (excess > 0)
                {
                    dead.Query().OrderBy("_id").Limit(excess).ToEnumerable().Select(d => d["_id"]).ToList().ForEach(id => dead.Delete(id));
                }

                return 0;
            });
            return outbox.Delete(message.Sequence);
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxDeadLetter> list = _deadLetters.Use(c => c.Query()
            .OrderByDescending("_id")
            .Limit(BsonValues.ClampLimit(max))
            .ToEnumerable()
            .Select(d => new OutboxDeadLetter(
                new OutboxMessage(d["sequence"].AsInt64, d["topic"].AsString, d["payload"].AsString, BsonValues.ToTime(d["createdAt"])),
                BsonValues.ToTime(d["movedAt"]),
                d["reason"].AsString))
            .ToList());
        return Task.FromResult(list);
    }
}
