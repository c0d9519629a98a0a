using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>An event and its outbox copy are written in one store transaction: both or neither.</summary>
public sealed class EventOutboxTransactionTests : IDisposable
{
    private readonly LiteEdgeStore _store = LiteEdgeStore.OpenInMemory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_raised_event_is_in_the_event_log_and_the_outbox_and_the_sender_is_woken_after_the_commit()
    {
        var events = new SiteEventLog(_store, _time, NullLogger<SiteEventLog>.Instance);
        using var outbox = new CloudOutbox(_store, events, Options.Create(new CloudSyncOptions()), _time, NullLogger<CloudOutbox>.Instance);
        using var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance);
        var woken = outbox.WaitQueuedAsync(CancellationToken.None).AsTask();

        var raised = await events.RaiseAsync(EventSeverities.Warning, "grid", "grid.fallback.started", "meter silent", CancellationToken.None);

        Assert.True(await woken.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(raised.Id, Assert.Single(await _store.Events.ListAsync(10, 0, CancellationToken.None)).Id);
        Assert.Contains(raised.Id, Assert.Single(await outbox.PeekAsync(10, CancellationToken.None)).Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_write_for_the_event_fails_the_event_is_not_kept_either_and_the_raiser_goes_on()
    {
        var events = new SiteEventLog(_store, _time, NullLogger<SiteEventLog>.Instance);
        events.Raised += e => _store.Outbox.EnqueueAsync(CloudTopics.Events, "{\"id\":\"" + e.Id + "\"}", _time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
        events.Raised += _ => throw new IOException("disk full");

        await events.RaiseAsync(EventSeverities.Info, "test", "test.one", "one", CancellationToken.None);

        Assert.Empty(await _store.Events.ListAsync(10, 0, CancellationToken.None));
        Assert.Equal(0, await _store.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Writes_made_together_commit_together_and_what_waits_for_them_runs_after()
    {
        var order = new List<string>();
        Assert.Throws<InvalidOperationException>(() => _store.WriteTogether(() =>
        {
            _store.Outbox.EnqueueAsync("events", "a", _time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
            _store.WhenWritten(() => order.Add("rolled back: never"));
            throw new InvalidOperationException("half way");
        }));
        Assert.Equal(0, await _store.Outbox.CountAsync(CancellationToken.None));

        _store.WriteTogether(() =>
        {
            _store.Outbox.EnqueueAsync("events", "b", _time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
            _store.WhenWritten(() => order.Add("after commit: " + _store.Outbox.CountAsync(CancellationToken.None).GetAwaiter().GetResult()));
            order.Add("inside");
        });
        _store.WhenWritten(() => order.Add("no transaction: at once"));

        Assert.Equal(["inside", "after commit: 1", "no transaction: at once"], order);
    }

    [Fact]
    public async Task Telemetry_queued_while_events_are_raised_on_other_threads_neither_deadlocks_nor_loses_a_message()
    {
        // The store's gate and the outbox's own lock are taken in one order by both paths: an event
        // holds the gate when its copy is queued; telemetry is queued outside any transaction.
        const int Rounds = 150;
        var events = new SiteEventLog(_store, _time, NullLogger<SiteEventLog>.Instance);
        using var outbox = new CloudOutbox(_store, events, Options.Create(new CloudSyncOptions()), _time, NullLogger<CloudOutbox>.Instance);
        using var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance);

        var failures = ParallelWriters.Run(
            Rounds,
            i => events.RaiseAsync(EventSeverities.Info, "test", "test.event", $"event {i}", CancellationToken.None).GetAwaiter().GetResult(),
            i => outbox.EnqueueAsync(CloudTopics.Telemetry, $"telemetry {i}", CancellationToken.None).GetAwaiter().GetResult(),
            i => outbox.EnqueueAsync(CloudTopics.Telemetry, $"more telemetry {i}", CancellationToken.None).GetAwaiter().GetResult());

        Assert.Empty(failures);
        Assert.Equal(Rounds, await _store.Events.CountAsync(CancellationToken.None));
        Assert.Equal(Rounds, await _store.Outbox.CountAsync(CloudTopics.Events, CancellationToken.None));
        Assert.Equal(2 * Rounds, await _store.Outbox.CountAsync(CloudTopics.Telemetry, CancellationToken.None));
    }
}
