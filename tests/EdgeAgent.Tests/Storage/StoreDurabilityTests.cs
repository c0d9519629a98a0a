using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Web;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>
/// What the store acknowledges is on durable storage first: each awaited write returns only after
/// an fsync of the log that began after its commit, and writers waiting together share that fsync.
/// On a real LiteDB file; the sync thread is held at its fsync to see who waits for it.
/// </summary>
public sealed class StoreDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("chargenet-durable-").FullName;
    private readonly HeldSync _sync = new();

    public void Dispose()
    {
        _sync.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_StopTransaction_is_acknowledged_only_after_the_fsync_that_covers_it()
    {
        using var store = LiteEdgeStore.Open(_directory, _sync.BeforeSync);
        var id = await OcppSessionLedger.Over(store).StartTransactionAsync(
            new OcppTransactionStart("CP1:start", "CP1", 1, "TAG-1", 1_000, T0, null), CancellationToken.None);

        _sync.Hold();
        var stop = OcppSessionLedger.Over(store).StopTransactionAsync(
            new OcppTransactionStop("CP1:stop", "CP1", id, "TAG-1", 8_500, T0.AddHours(1), "Local", Array.Empty<MeterValue>()),
            CancellationToken.None);
        await _sync.Reached.WaitAsync(Patience);

        // Committed (readable) but not yet fsynced: the charger must not have its answer yet.
        Assert.False(stop.IsCompleted, "StopTransaction returned before the log was fsynced");
        Assert.NotNull((await store.Sessions.GetAsync($"ocpp-CP1-{id}", CancellationToken.None))?.StoppedAt);
        var syncsBefore = store.LogSyncs;

        _sync.Release();
        var result = await stop.WaitAsync(Patience);

        Assert.True(result.RecordedNow);
        Assert.True(store.LogSyncs > syncsBefore, "the acknowledgement came without an fsync of the log");
    }

    [Fact]
    public async Task An_event_is_logged_only_once_it_is_on_the_disk()
    {
        // A line in the journal means the event is durable: the daemon killed with SIGKILL just after printing it had lost it from the
        // outbox the cloud is sent from (CloudDaemonKillTests saw two events stored where three were logged).
        using var store = LiteEdgeStore.Open(_directory, _sync.BeforeSync);
        var logger = new CapturingLogger<SiteEventLog>();
        var events = new SiteEventLog(store, TimeProvider.System, logger);

        _sync.Hold();
        var raised = events.RaiseAsync(EventSeverities.Info, "CP1", "demo.car.arrived", "a car plugged in", CancellationToken.None);
        await _sync.Reached.WaitAsync(Patience);

        Assert.False(raised.IsCompleted, "the event was acknowledged before the log was fsynced");
        Assert.Single(await store.Events.ListAsync(10, 0, CancellationToken.None));
        Assert.DoesNotContain(logger.Messages, m => m.Contains("demo.car.arrived", StringComparison.Ordinal));

        _sync.Release();
        await raised.WaitAsync(Patience);
        Assert.Single(logger.Messages, m => m.Contains("demo.car.arrived", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outbox_message_counts_as_stored_only_after_the_fsync()
    {
        using var store = LiteEdgeStore.Open(_directory, _sync.BeforeSync);

        _sync.Hold();
        var enqueue = store.Outbox.EnqueueAsync("events", "{\"id\":\"e-1\"}", T0, CancellationToken.None);
        await _sync.Reached.WaitAsync(Patience);
        Assert.False(enqueue.IsCompleted, "the outbox counted a message as stored before the log was fsynced");

        _sync.Release();
        await enqueue.WaitAsync(Patience);
    }

    [Fact]
    public async Task Writers_waiting_together_share_one_fsync()
    {
        using var store = LiteEdgeStore.Open(_directory, _sync.BeforeSync);

        // One sync is held while 50 more writers commit: they all wait for the next one, together.
        _sync.Hold();
        var first = Append(store, 0);
        await _sync.Reached.WaitAsync(Patience);
        var syncsBefore = store.LogSyncs;
        // Each call commits before it returns its task, which then waits for the sync.
        var others = Enumerable.Range(1, 50).Select(i => Append(store, i)).ToList();
        Assert.Equal(51, await store.Events.CountAsync(CancellationToken.None));
        _sync.Release();
        await Task.WhenAll(others.Append(first)).WaitAsync(Patience);

        // The held sync, then at most one more for everything committed while it was held.
        Assert.InRange(store.LogSyncs - syncsBefore, 1, 2);
    }

    [Fact]
    public async Task Writes_inside_a_grouped_write_wait_for_the_sync_once_after_the_commit()
    {
        using var store = LiteEdgeStore.Open(_directory, _sync.BeforeSync);

        _sync.Hold();
        var insideCompleted = false;
        store.WriteTogether(() =>
        {
            // Joins the outer transaction: nothing to sync yet, so it does not wait (and cannot block the commit).
            insideCompleted = store.Events.AppendAsync(Event(1), CancellationToken.None).IsCompleted;
        });
        var durable = store.WhenDurableAsync(CancellationToken.None);
        await _sync.Reached.WaitAsync(Patience);

        Assert.True(insideCompleted);
        Assert.False(durable.IsCompleted);
        _sync.Release();
        await durable.WaitAsync(Patience);
    }

    private static Task Append(LiteEdgeStore store, int n) => store.Events.AppendAsync(Event(n), CancellationToken.None);

    private static EdgeEvent Event(int n) => new("e-" + n, T0.AddSeconds(n), "info", "test", "test.write", "write " + n);

    /// <summary>Holds the store's sync thread before its next fsync, once, until released.</summary>
    private sealed class HeldSync : IDisposable
    {
        private readonly ManualResetEventSlim _released = new(true);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _holding;

        public Task Reached => _reached.Task;

        public void Hold()
        {
            _released.Reset();
            _holding = true;
        }

        public void Release() => _released.Set();

        public void BeforeSync()
        {
            if (_holding)
            {
                _holding = false;
                _reached.TrySetResult();
                _released.Wait(Patience); // a failed test must not hang the store's Dispose
            }
        }

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
        }
    }
}
