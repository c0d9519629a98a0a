using ChargeNet.EdgeAgent.Storage;
using LiteDB;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>
/// The store's filters keep their values out of the expression text, so LiteDB's cache of compiled expressions holds
/// one per filter, not one per value (it is never emptied: a timestamp per call grew the relay's memory for ever).
/// </summary>
public sealed class LiteQueriesTests
{
    [Fact]
    public void A_filter_is_one_expression_whatever_its_value_and_finds_what_the_value_says()
    {
        Assert.Equal(LiteQueries.Below("ts", 1L).Source, LiteQueries.Below("ts", 2L).Source);
        Assert.Equal(LiteQueries.Is("key", "a").Source, LiteQueries.Is("key", "b").Source);
        Assert.NotEqual(Query.LT("ts", 1L).Source, Query.LT("ts", 2L).Source); // what it replaces

        using var db = new LiteDatabase(new MemoryStream());
        var rows = db.GetCollection("rows");
        rows.InsertBulk(Enumerable.Range(1, 10).Select(i => new BsonDocument { ["ts"] = (long)i, ["key"] = i % 2 == 0 ? "even" : "odd", ["open"] = i > 8 }));
        Assert.Equal(4, rows.Count(LiteQueries.Below("ts", 5L)));
        Assert.Equal(6, rows.Count(LiteQueries.AtLeast("ts", 5L)));
        Assert.Equal(5, rows.Count(LiteQueries.Is("key", "even")));
        Assert.Equal(5, rows.Count(LiteQueries.IsNot("key", "even")));
        Assert.Equal(1, rows.Count(LiteQueries.Where("open = @0 AND ts >= @1 AND key = @2", true, 9L, "odd")));
    }
}
