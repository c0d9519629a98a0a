using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteCommandRecordStore : ICommandRecordStore
{
    private readonly ILiteCollection<BsonDocument> _records;

    public LiteCommandRecordStore(LiteDatabase database)
    {
        _records = database.GetCollection("cloud_commands");
        _records.EnsureIndex("at");
    }

    public Task<CommandRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var d = _records.FindById(id);
        return Task.FromResult(d is null ? null : new CommandRecord(d["_id"].AsString, d["name"].AsString, BsonValues.ToTime(d["at"]), BsonValues.ToNullableString(d["answer"])));
    }

    public Task BeginAsync(string id, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _records.Upsert(new BsonDocument { ["_id"] = id, ["name"] = name, ["at"] = BsonValues.From(at), ["answer"] = BsonValue.Null });
        return Task.CompletedTask;
    }

    public Task FinishAsync(string id, string answerJson, CancellationToken cancellationToken)
    {
        if (_records.FindById(id) is { } d)
        {
            d["answer"] = answerJson;
            _records.Update(d);
        }

        return Task.CompletedTask;
    }

    public Task<int> TrimAsync(int keep, CancellationToken cancellationToken)
    {
        var excess = _records.Count() - Math.Max(0, keep);
        if (excess <= 0)
        {
            return Task.FromResult(0);
        }

        var oldest = _records.Query().OrderBy("at").Limit(excess).ToEnumerable().Select(d => d["_id"]).ToList();
        return Task.FromResult(oldest.Count(id => _records.Delete(id)));
    }
}
