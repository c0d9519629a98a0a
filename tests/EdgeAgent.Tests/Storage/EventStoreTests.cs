using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class EventStoreTests
{
    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Events_are_listed_newest_first_and_paged(string kind)
    {
        using var test = TestStore.Open(kind);
        var events = test.Store.Events;
        var ct = CancellationToken.None;
        var written = Enumerable.Range(1, 5).Select(Event).ToList();
        foreach (var e in written)
        {
            await events.AppendAsync(e, ct);
        }

        Assert.Equal(written.AsEnumerable().Reverse(), await events.ListAsync(10, 0, ct));
        Assert.Equal(["e4", "e3"], (await events.ListAsync(2, 1, ct)).Select(e => e.Id));
        Assert.Equal(5, await events.CountAsync(ct));
    }

    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Trim_removes_events_older_than_the_age_limit_then_the_oldest_beyond_the_count(string kind)
    {
        using var test = TestStore.Open(kind);
        var events = test.Store.Events;
        var ct = CancellationToken.None;
        foreach (var e in Enumerable.Range(1, 6).Select(Event))
        {
            await events.AppendAsync(e, ct);
        }

        // By age: e1 and e2 are older than e3's time.
        Assert.Equal(2, await events.TrimAsync(Event(3).Ts, 100, ct));
        Assert.Equal(["e6", "e5", "e4", "e3"], (await events.ListAsync(10, 0, ct)).Select(e => e.Id));

        // By count: keep the newest 2.
        Assert.Equal(2, await events.TrimAsync(TestStore.T0, 2, ct));
        Assert.Equal(["e6", "e5"], (await events.ListAsync(10, 0, ct)).Select(e => e.Id));

        // Nothing more to trim.
        Assert.Equal(0, await events.TrimAsync(TestStore.T0, 2, ct));
        Assert.Equal(2, await events.CountAsync(ct));
    }

    private static EdgeEvent Event(int n) =>
        new("e" + n, TestStore.T0.AddMinutes(n), n % 2 == 0 ? EventSeverities.Warning : EventSeverities.Info, "grid", "test.code" + n, "message " + n);
}
