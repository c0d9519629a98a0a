namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class OutboxStoreTests
{
    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Messages_come_out_in_the_order_they_were_queued_and_go_when_removed(string kind)
    {
        using var test = TestStore.Open(kind);
        var outbox = test.Store.Outbox;
        var ct = CancellationToken.None;
        var m1 = await outbox.EnqueueAsync("events", "{\"id\":\"1\"}", TestStore.T0, ct);
        var m2 = await outbox.EnqueueAsync("sessions", "{\"id\":\"2\"}", TestStore.T0, ct);
        var m3 = await outbox.EnqueueAsync("events", "{\"id\":\"3\"}", TestStore.T0.AddSeconds(1), ct);

        Assert.True(m1.Sequence < m2.Sequence && m2.Sequence < m3.Sequence);
        Assert.Equal([m1, m2, m3], await outbox.PeekAsync(10, ct));
        Assert.Equal([m1, m2], await outbox.PeekAsync(2, ct));
        Assert.Equal(3, await outbox.CountAsync(ct)); // peeking removes nothing

        await outbox.RemoveAsync(m1.Sequence, ct);
        Assert.Equal([m2, m3], await outbox.PeekAsync(10, ct));
        Assert.Equal(2, await outbox.CountAsync(ct));
    }

    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Drop_oldest_drops_only_the_oldest_of_that_topic(string kind)
    {
        using var test = TestStore.Open(kind);
        var outbox = test.Store.Outbox;
        var ct = CancellationToken.None;
        await outbox.EnqueueAsync("events", "e1", TestStore.T0, ct);
        var s1 = await outbox.EnqueueAsync("sessions", "s1", TestStore.T0, ct);
        await outbox.EnqueueAsync("events", "e2", TestStore.T0, ct);
        var s2 = await outbox.EnqueueAsync("sessions", "s2", TestStore.T0, ct);
        var e3 = await outbox.EnqueueAsync("events", "e3", TestStore.T0, ct);

        Assert.Equal(2, await outbox.DropOldestAsync("events", 1, ct));
        Assert.Equal([s1, s2, e3], await outbox.PeekAsync(10, ct));
        Assert.Equal(0, await outbox.DropOldestAsync("events", 1, ct));
        Assert.Equal(0, await outbox.DropOldestAsync("telemetry", 0, ct));
        Assert.Equal([s1, s2, e3], await outbox.PeekAsync(10, ct));
    }

    [Fact]
    public async Task The_queue_keeps_its_order_across_a_reopen_of_the_file()
    {
        using var test = TestStore.Open(TestStore.File);
        var ct = CancellationToken.None;
        var a = await test.Store.Outbox.EnqueueAsync("events", "a", TestStore.T0, ct);
        var b = await test.Store.Outbox.EnqueueAsync("sessions", "b", TestStore.T0, ct);
        var c = await test.Store.Outbox.EnqueueAsync("events", "c", TestStore.T0, ct);
        await test.Store.Outbox.RemoveAsync(a.Sequence, ct);

        test.Reopen();
        var d = await test.Store.Outbox.EnqueueAsync("events", "d", TestStore.T0, ct);
        test.Reopen();

        Assert.Equal(["b", "c", "d"], (await test.Store.Outbox.PeekAsync(10, ct)).Select(m => m.Payload));
        Assert.Equal([b, c, d], await test.Store.Outbox.PeekAsync(10, ct));
    }
}
