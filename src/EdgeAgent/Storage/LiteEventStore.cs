using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteEventStore : IEventStore
{
    private readonly GatedCollection _events;

    public LiteEventStore(LiteTransactions file)
    {
        _events = file.Collection("events", BsonAutoId.Int64);
        _events.Use(c => c.EnsureIndex("ts"));
    }

    public Task AppendAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = new BsonDocument
        {
            ["eventId"] = edgeEvent.Id,
            ["ts"] = BsonValues.From(edgeEvent.Ts),
            ["severity"] = edgeEvent.Severity,
            ["source"] = edgeEvent.Source,
            ["code"] = edgeEvent.Code,
            ["message"] = edgeEvent.Message,
        };
        _events.Use(c => c.Insert(doc));
        return _events.Durable(cancellationToken);
    }

    public Task<IReadOnlyList<EdgeEvent>> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        // Newest first by when they happened: raisers on several threads may store them a little out of order.
        IReadOnlyList<EdgeEvent> list = _events.Use(c => c.Query()
            .OrderByDescending("ts")
            .Offset(Math.Max(0, offset))
            .Limit(BsonValues.ClampLimit(limit))
            .ToEnumerable()
            .Select(d => new EdgeEvent(
                d["eventId"].AsString,
                BsonValues.ToTime(d["ts"]),
                d["severity"].AsString,
                d["source"].AsString,
                d["code"].AsString,
                d["message"].AsString))
            .ToList());
        return Task.FromResult(list);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_events.Use(c => c.Count()));

    public Task<int> TrimAsync(DateTimeOffset before, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult(_events.Use(events =>
        {
            var removed = events.DeleteMany(LiteQueries.Below("ts", before.UtcTicks));
            var excess = events.Count() - maxCount;
            if (excess > 0)
            {
                var cutoff = events.Query().OrderBy("_id").Offset(excess).Limit(1).FirstOrDefault();
                if (cutoff is not null)
                {
                    removed += events.DeleteMany(LiteQueries.Below("_id", cutoff["_id"]));
                }
            }

            return removed;
        }));
}
