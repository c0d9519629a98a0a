using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteCommandRecordStore : ICommandRecordStore
{
    private readonly GatedCollection _records;

    public LiteCommandRecordStore(LiteTransactions file)
    {
        _records = file.Collection("cloud_commands");
        _records.Use(c => c.EnsureIndex("at"));
    }

    public Task<CommandRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var d = _records.Use(c => c.FindById(id));
        return Task.FromResult(d is null ? null : new CommandRecord(d["_id"].AsString, d["name"].AsString, BsonValues.ToTime(d["at"]), BsonValues.ToNullableString(d["answer"])));
    }

    public Task BeginAsync(string id, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = new BsonDocument { ["_id"] = id, ["name"] = name, ["at"] = BsonValues.From(at), ["answer"] = BsonValue.Null };
        _records.Use(c => c.Upsert(doc));
        return _records.Durable(cancellationToken);
    }

    public Task FinishAsync(string id, string answerJson, CancellationToken cancellationToken)
    {
        _records.Use(records =>
        {
            if (records.FindById(id) is not { } d)
            {
                return false;
            }

            d["answer"] = answerJson;
            return records.Update(d);
        });
        return _records.Durable(cancellationToken);
    }

    public Task<int> TrimAsync(int keep, CancellationToken cancellationToken) =>
        Task.FromResult(_records.Use(records =>
        {
            var excess = records.Count() - Math.Max(0, keep);
            if (excess <= 0)
            {
                return 0;
            }

            var oldest = records.Query().OrderBy("at").Limit(excess).ToEnumerable().Select(d => d["_id"]).ToList();
            return oldest.Count(id => records.Delete(id));
        }));
}
