using ChargeNet.EdgeAgent.Peak;
using ChargeNet.LoadBalancer.Peak;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>One document, replaced whole: the open month's windows are a few dozen numbers at most.</summary>
internal sealed class LitePeakStore(LiteTransactions file) : IPeakStore
{
    public const string Collection = "peak_month";
    private const string Id = "month";

    private readonly GatedCollection _peak = file.Collection(Collection);

    public PeakRecord? Load() => _peak.Use(c => c.FindById(Id)) is { } doc ? FromBson(doc) : null;

    public Task SaveAsync(PeakRecord record, CancellationToken cancellationToken)
    {
        _peak.InTransaction(c => c.Upsert(ToBson(record)));
        return _peak.Durable(cancellationToken);
    }

    private static BsonDocument ToBson(PeakRecord record) => new()
    {
        ["_id"] = Id,
        ["tariff"] = record.TariffKey,
        ["savedAt"] = BsonValues.From(record.SavedAt),
        ["lastPowerW"] = record.LastPowerW,
        ["site"] = ToBson(record.Site),
        ["uncontrolled"] = record.Uncontrolled is { } u ? ToBson(u) : BsonValue.Null,
        ["lastUncontrolledW"] = record.LastUncontrolledW,
    };

    private static BsonDocument ToBson(PeakTrackerState state) => new()
    {
        ["windowStart"] = BsonValues.From(state.WindowStart),
        ["windowEnergyWs"] = state.WindowEnergyWs,
        ["year"] = state.Year,
        ["month"] = state.Month,
        ["highestW"] = new BsonArray(state.HighestW.Select(w => new BsonValue(w))),
        ["days"] = new BsonArray(state.DayHighestW.Select(d => new BsonDocument
        {
            ["day"] = d.Key.DayNumber,
            ["w"] = d.Value,
        })),
    };

    private static PeakRecord FromBson(BsonDocument doc) => new(
        doc["tariff"].AsString,
        BsonValues.ToTime(doc["savedAt"]),
        doc["lastPowerW"].AsDouble,
        StateOf(doc["site"].AsDocument),
        doc["uncontrolled"].IsNull ? null : StateOf(doc["uncontrolled"].AsDocument),
        doc["lastUncontrolledW"].AsDouble);

    private static PeakTrackerState StateOf(BsonDocument doc) => new(
        BsonValues.ToTime(doc["windowStart"]),
        doc["windowEnergyWs"].AsDouble,
        doc["year"].AsInt32,
        doc["month"].AsInt32,
        [.. doc["highestW"].AsArray.Select(v => v.AsDouble)],
        doc["days"].AsArray.ToDictionary(v => DateOnly.FromDayNumber(v["day"].AsInt32), v => v["w"].AsDouble));
}
