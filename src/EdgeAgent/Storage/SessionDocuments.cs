using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// A session as a document of the <c>sessions</c> collection. Fields added since schema 1 (tariff,
/// cost, readings, idle and paused time, budget) are optional: a document without them reads as none.
/// </summary>
internal static class SessionDocuments
{
    public static BsonDocument ToBson(ChargingSession s) => new()
    {
        ["_id"] = s.Id,
        ["chargerId"] = s.ChargerId,
        ["connectorId"] = s.ConnectorId,
        ["transactionId"] = TransactionIds.ToBson(s.TransactionId),
        ["idTag"] = s.IdTag,
        ["startedAt"] = BsonValues.From(s.StartedAt),
        ["stoppedAt"] = BsonValues.From(s.StoppedAt),
        ["energyWh"] = s.EnergyWh,
        ["stopReason"] = s.StopReason,
        ["open"] = s.StoppedAt is null,
        ["tariffId"] = s.TariffId,
        ["cost"] = s.Cost is { } cost ? ToBson(cost) : BsonValue.Null,
        ["readings"] = new BsonArray(s.Usage.Readings.Select(ToBson)),
        ["idleSpans"] = new BsonArray(s.Usage.IdleSpans.Select(i => new BsonDocument { ["from"] = BsonValues.From(i.From), ["to"] = BsonValues.From(i.To) })),
        ["pausedTicks"] = s.Usage.Paused.Ticks,
        ["budget"] = s.Budget is { } budget ? ToBson(budget) : BsonValue.Null,
    };

    public static ChargingSession FromBson(BsonDocument d) => new(
        d["_id"].AsString,
        d["chargerId"].AsString,
        d["connectorId"].AsInt32,
        TransactionIds.FromBson(d["transactionId"]),
        BsonValues.ToNullableString(d["idTag"]),
        BsonValues.ToTime(d["startedAt"]),
        BsonValues.ToNullableTime(d["stoppedAt"]),
        d["energyWh"].AsDouble,
        BsonValues.ToNullableString(d["stopReason"]),
        BsonValues.ToNullableString(d["tariffId"]),
        d["cost"].IsDocument ? CostFrom(d["cost"].AsDocument) : null,
        d["budget"].IsDocument ? BudgetFrom(d["budget"].AsDocument) : null)
    {
        Usage = new SessionUsage
        {
            Readings = d["readings"].IsArray ? [.. d["readings"].AsArray.Select(r => ReadingFrom(r.AsDocument))] : [],
            IdleSpans = IdleFrom(d),
            Paused = TimeSpan.FromTicks(d["pausedTicks"].IsNull ? 0 : d["pausedTicks"].AsInt64),
        },
    };

    // Documents written before idle spans kept the idle time as a total: one span from the start.
    private static IReadOnlyList<TimeRange> IdleFrom(BsonDocument d)
    {
        if (d["idleSpans"].IsArray)
        {
            return [.. d["idleSpans"].AsArray.Select(i => new TimeRange(BsonValues.ToTime(i["from"]), BsonValues.ToTime(i["to"])))];
        }

        var start = BsonValues.ToTime(d["startedAt"]);
        return d["idleTicks"].IsNull || d["idleTicks"].AsInt64 <= 0 ? [] : [new TimeRange(start, start + TimeSpan.FromTicks(d["idleTicks"].AsInt64))];
    }

    public static BsonValue ToBson(EnergyReading r) => new BsonDocument { ["at"] = BsonValues.From(r.At), ["wh"] = r.RegisterWh };

    private static EnergyReading ReadingFrom(BsonDocument d) => new(BsonValues.ToTime(d["at"]), d["wh"].IsDecimal ? d["wh"].AsDecimal : (decimal)d["wh"].AsDouble);

    public static BsonDocument ToBson(SessionBudget b) => new()
    {
        ["maxCost"] = b.MaxCost is { } cost ? cost : BsonValue.Null,
        ["maxEnergyWh"] = b.MaxEnergyWh is { } energy ? energy : BsonValue.Null,
        ["reachedAt"] = BsonValues.From(b.ReachedAt),
        ["departureAt"] = BsonValues.From(b.DepartureAt),
        ["energyWh"] = b.EnergyWh is { } needWh ? needWh : BsonValue.Null,
        ["needsFromWh"] = b.NeedsFromWh,
    };

    private static SessionBudget BudgetFrom(BsonDocument d) => new(
        d["maxCost"].IsNull ? null : d["maxCost"].AsDecimal,
        d["maxEnergyWh"].IsNull ? null : d["maxEnergyWh"].AsDecimal,
        BsonValues.ToNullableTime(d["reachedAt"]),
        BsonValues.ToNullableTime(d["departureAt"]),
        d["energyWh"].IsNull ? null : d["energyWh"].AsDecimal,
        d["needsFromWh"].IsNumber ? d["needsFromWh"].AsDouble : 0);

    private static BsonDocument ToBson(SessionCost c) => new()
    {
        ["currency"] = c.Currency,
        ["total"] = c.Total,
        ["vat"] = c.Vat,
        ["energy"] = c.Energy,
        ["time"] = c.Time,
        ["idle"] = c.Idle,
        ["fee"] = c.Fee,
        ["tariffId"] = c.TariffId,
        ["energyWh"] = c.EnergyWh,
    };

    private static SessionCost CostFrom(BsonDocument d) => new(
        d["currency"].AsString,
        d["total"].AsDecimal,
        d["vat"].AsDecimal,
        d["energy"].AsDecimal,
        d["time"].AsDecimal,
        d["idle"].AsDecimal,
        d["fee"].AsDecimal,
        d["tariffId"].AsString,
        d["energyWh"].IsDecimal ? d["energyWh"].AsDecimal : (decimal)d["energyWh"].AsDouble);
}
