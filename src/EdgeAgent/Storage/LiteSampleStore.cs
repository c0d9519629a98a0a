using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteSampleStore : ISampleStore
{
    private readonly GatedCollection _samples;

    public LiteSampleStore(LiteTransactions file)
    {
        _samples = file.Collection("meter_samples", BsonAutoId.Int64);
        _samples.Use(c => c.EnsureIndex("ts"));
    }

    public Task AppendAsync(MeterSample sample, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = new BsonDocument
        {
            ["meterId"] = sample.MeterId,
            ["ts"] = BsonValues.From(sample.Ts),
            ["currentA"] = new BsonArray(sample.CurrentA.L1, sample.CurrentA.L2, sample.CurrentA.L3),
            ["powerW"] = sample.TotalPowerW,
        };
        _samples.Use(c => c.Insert(doc));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MeterSample>> ListAsync(string meterId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = _samples.Use(c => c.Find(LiteQueries.Where("ts >= @0 AND meterId = @1", since.UtcTicks, meterId)).ToList());
        IReadOnlyList<MeterSample> list = found
            .OrderBy(d => d["ts"].AsInt64)
            .Select(d =>
            {
                var current = d["currentA"].AsArray;
                return new MeterSample(
                    d["meterId"].AsString,
                    BsonValues.ToTime(d["ts"]),
                    new PhaseValues(current[0].AsDouble, current[1].AsDouble, current[2].AsDouble),
                    d["powerW"].AsDouble);
            })
            .ToList();
        return Task.FromResult(list);
    }

    public Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(_samples.Use(c => c.DeleteMany(LiteQueries.Below("ts", before.UtcTicks))));
}
