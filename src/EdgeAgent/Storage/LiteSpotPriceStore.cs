using ChargeNet.EdgeAgent.Pricing;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The table as one document: it is replaced whole, a few thousand quarter-hours at most.</summary>
internal sealed class LiteSpotPriceStore(LiteTransactions file) : ISpotPriceStore
{
    public const string Collection = "spot_prices";
    private const string Id = "table";

    private readonly GatedCollection _prices = file.Collection(Collection);

    public SpotPriceTable Load() => _prices.Use(c => c.FindById(Id)) is { } doc ? FromBson(doc) : SpotPriceTable.Empty;

    public Task SaveAsync(SpotPriceTable table, CancellationToken cancellationToken)
    {
        _prices.InTransaction(c => c.Upsert(ToBson(table)));
        return _prices.Durable(cancellationToken);
    }

    private static BsonDocument ToBson(SpotPriceTable table) => new()
    {
        ["_id"] = Id,
        ["currency"] = table.Currency,
        ["prices"] = new BsonArray(table.Prices.Select(p => new BsonDocument
        {
            ["from"] = BsonValues.From(p.From),
            ["to"] = BsonValues.From(p.To),
            ["pricePerKwh"] = new BsonValue(p.PricePerKwh),
        })),
    };

    private static SpotPriceTable FromBson(BsonDocument doc) => SpotPriceTable.Of(
        doc["currency"].AsString,
        doc["prices"].AsArray.Select(v => new SpotPrice(
            BsonValues.ToTime(v["from"]),
            BsonValues.ToTime(v["to"]),
            v["pricePerKwh"].AsDecimal)));
}
