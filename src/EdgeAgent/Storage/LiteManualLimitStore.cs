using ChargeNet.EdgeAgent.Control;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteManualLimitStore(LiteTransactions file) : IManualLimitStore
{
    private readonly GatedCollection _limits = file.Collection("manual_limits");

    public void SaveAll(IReadOnlyList<ManualLimit> limits) => _limits.InTransaction(collection =>
    {
        collection.DeleteAll();
        return collection.InsertBulk(limits.Select(ToBson));
    });

    public IReadOnlyList<ManualLimit> LoadAll() => _limits.Use(c => c.FindAll().Select(FromBson).ToList());

    private static BsonDocument ToBson(ManualLimit l) => new()
    {
        ["chargerId"] = l.ChargerId,
        ["connectorId"] = l.ConnectorId is { } id ? new BsonValue(id) : BsonValue.Null,
        ["maxCurrentA"] = l.MaxCurrentA,
        ["setAt"] = BsonValues.From(l.SetAt),
        ["setBy"] = l.SetBy,
        ["expiresAt"] = BsonValues.From(l.ExpiresAt),
    };

    private static ManualLimit FromBson(BsonDocument d) => new(
        d["chargerId"].AsString,
        BsonValues.ToNullableInt(d["connectorId"]),
        d["maxCurrentA"].AsDouble,
        BsonValues.ToTime(d["setAt"]),
        d["setBy"].AsString,
        BsonValues.ToNullableTime(d["expiresAt"]));
}
