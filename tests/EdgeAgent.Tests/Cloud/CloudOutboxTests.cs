using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>The bounded outbox over a real (in-memory) LiteDB store.</summary>
public sealed class CloudOutboxTests : IDisposable
{
    private readonly LiteEdgeStore _store = LiteEdgeStore.OpenInMemory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_full_outbox_drops_telemetry_then_events_keeps_every_session_and_says_so_once()
    {
        var events = new SiteEventLog(_store, _time, NullLogger<SiteEventLog>.Instance);
        using var outbox = new CloudOutbox(_store, events, Options.Create(new CloudSyncOptions { OutboxMaxMessages = 4 }), _time, NullLogger<CloudOutbox>.Instance);
        await outbox.EnqueueAsync(CloudTopics.Telemetry, "t1", CancellationToken.None);
        await outbox.EnqueueAsync(CloudTopics.Events, "e1", CancellationToken.None);
        await outbox.EnqueueAsync(CloudTopics.Sessions, "s1", CancellationToken.None);
        await outbox.EnqueueAsync(CloudTopics.Sessions, "s2", CancellationToken.None);

        Assert.True(await outbox.EnqueueAsync(CloudTopics.Sessions, "s3", CancellationToken.None));  // t1 gives way
        Assert.False(await outbox.EnqueueAsync(CloudTopics.Telemetry, "t2", CancellationToken.None)); // telemetry never displaces others
        Assert.True(await outbox.EnqueueAsync(CloudTopics.Events, "e2", CancellationToken.None));    // e1 gives way
        Assert.True(await outbox.EnqueueAsync(CloudTopics.Sessions, "s4", CancellationToken.None));  // e2 gives way
        Assert.True(await outbox.EnqueueAsync(CloudTopics.Sessions, "s5", CancellationToken.None));  // above the bound: sessions are kept

        var left = await _store.Outbox.PeekAsync(100, CancellationToken.None);
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], left.Select(m => m.Payload));
        var announced = await _store.Events.ListAsync(100, 0, CancellationToken.None);
        Assert.Single(announced, e => e.Code == "cloud.outbox.full");
    }

    [Fact]
    public async Task Removing_acknowledged_messages_keeps_the_rest_in_order()
    {
        var events = new SiteEventLog(_store, _time, NullLogger<SiteEventLog>.Instance);
        using var outbox = new CloudOutbox(_store, events, Options.Create(new CloudSyncOptions()), _time, NullLogger<CloudOutbox>.Instance);
        foreach (var payload in new[] { "a", "b", "c", "d" })
        {
            await outbox.EnqueueAsync(CloudTopics.Events, payload, CancellationToken.None);
        }

        var all = await outbox.PeekAsync(10, CancellationToken.None);
        await outbox.RemoveAsync([all[0].Sequence, all[1].Sequence], CancellationToken.None);

        Assert.Equal(["c", "d"], (await outbox.PeekAsync(10, CancellationToken.None)).Select(m => m.Payload));
    }
}
