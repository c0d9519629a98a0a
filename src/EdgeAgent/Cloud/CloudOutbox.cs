using System.Threading.Channels;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The one writer of the store's outbox: keeps it within its bound (<see cref="OutboxBoundPolicy"/>),
/// announces drops with an event, and wakes the sender when something is queued.
/// </summary>
public sealed partial class CloudOutbox : IDisposable
{
    private readonly IEdgeStore _edgeStore;
    private readonly IOutboxStore _store;
    private readonly SiteEventLog _events;
    private readonly TimeProvider _time;
    private readonly ILogger<CloudOutbox> _logger;
    private readonly int _max;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _queued = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly int _maxRefusals;
    private readonly Dictionary<long, int> _refusals = [];
    private int? _total;
    private bool _overflowAnnounced;

    public CloudOutbox(IEdgeStore store, SiteEventLog events, IOptions<CloudSyncOptions> options, TimeProvider time, ILogger<CloudOutbox> logger)
    {
        _edgeStore = store;
        _store = store.Outbox;
        _events = events;
        _time = time;
        _logger = logger;
        _max = Math.Max(1, options.Value.OutboxMaxMessages);
        _maxRefusals = Math.Max(1, options.Value.OutboxMaxRefusals);
    }

    /// <summary>How many dead letters are kept (the oldest go beyond this).</summary>
    public const int DeadLettersKept = 1_000;

    /// <summary>
    /// Queues a message (topic below the site's root). Returns false when the bound refused it; true
    /// once it is on durable storage (inside a raiser's transaction: once committed with it, the
    /// raiser then waits for the sync).
    /// </summary>
    public Task<bool> EnqueueAsync(string topic, string payload, CancellationToken cancellationToken) => QueueAsync(topic, payload, cancellationToken);

    /// <summary>
    /// A message of <paramref name="topic"/> was written into the outbox by a store call of its own
    /// (a finished session and its copy are one write): counts it, makes room as the bound says
    /// (dropping the oldest telemetry, then events), and wakes the sender. Call after that write.
    /// </summary>
    public Task WrittenAsync(string topic, CancellationToken cancellationToken) => QueueAsync(topic, null, cancellationToken);

    // A null payload: the message is in the store already.
    private async Task<bool> QueueAsync(string topic, string? payload, CancellationToken cancellationToken)
    {
        var (admission, announce) = (default(OutboxAdmission), false);
        // In one store transaction, so behind the store's gate before this outbox's own lock, in the
        // order an event's copy takes them (its raiser holds the gate): the other order deadlocks.
        // The store completes synchronously, so AdmitAsync runs on this thread, inside the transaction.
        _edgeStore.WriteTogether(() => (admission, announce) = AdmitAsync(topic, payload, cancellationToken).GetAwaiter().GetResult());

        // The sender must find the message when it looks: woken once the raiser's transaction is in the file.
        _edgeStore.WhenWritten(() => _queued.Writer.TryWrite(true));
        if (admission.Noteworthy)
        {
            LogOverflow(topic, admission.Admit, admission.DropTelemetry, admission.DropEvents);
        }

        if (announce)
        {
            // After the raiser's transaction: the announcement is an event of its own, with its own outbox copy.
            _edgeStore.WhenWritten(() => _ = AnnounceOverflowAsync());
        }

        await _edgeStore.WhenDurableAsync(cancellationToken).ConfigureAwait(false);
        return admission.Admit;
    }

    private async Task<(OutboxAdmission Admission, bool Announce)> AdmitAsync(string topic, string? payload, CancellationToken cancellationToken)
    {
        OutboxAdmission admission;
        bool announce;
        // Waited for on this thread, not awaited: an event's outbox copy is written inside the event's
        // store transaction, which belongs to the raiser's thread (the store completes synchronously).
#pragma warning disable CA1849 // See above: the wait must not move to another thread.
        _gate.Wait(cancellationToken);
#pragma warning restore CA1849
        try
        {
            // A message written already is in the count; the bound is judged as before it came.
            var written = payload is null;
            var total = _total is { } known ? known + (written ? 1 : 0) : await _store.CountAsync(cancellationToken).ConfigureAwait(false);
            if (written)
            {
                total--;
            }

            admission = total + 1 > _max
                ? OutboxBoundPolicy.Decide(
                    topic,
                    total,
                    await _store.CountAsync(CloudTopics.Telemetry, cancellationToken).ConfigureAwait(false),
                    await _store.CountAsync(CloudTopics.Events, cancellationToken).ConfigureAwait(false),
                    _max)
                : new OutboxAdmission(true, 0, 0);
            if (admission.DropTelemetry > 0)
            {
                var telemetry = await _store.CountAsync(CloudTopics.Telemetry, cancellationToken).ConfigureAwait(false);
                total -= await _store.DropOldestAsync(CloudTopics.Telemetry, telemetry - admission.DropTelemetry, cancellationToken).ConfigureAwait(false);
            }

            if (admission.DropEvents > 0)
            {
                var events = await _store.CountAsync(CloudTopics.Events, cancellationToken).ConfigureAwait(false);
                total -= await _store.DropOldestAsync(CloudTopics.Events, events - admission.DropEvents, cancellationToken).ConfigureAwait(false);
            }

            if (admission.Admit)
            {
                if (payload is not null)
                {
                    await _store.EnqueueAsync(topic, payload, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                total++;
            }

            _total = total;
            if (total < _max * 9L / 10)
            {
                _overflowAnnounced = false;
            }

            // Once per episode: announced when the first message is dropped, again only after the outbox has emptied to 90 %.
            // A session admitted past the bound is announced too: the outbox grows, and the operator must know.
            announce = admission.Noteworthy && !_overflowAnnounced;
            _overflowAnnounced |= admission.Noteworthy;
        }
        finally
        {
            _gate.Release();
        }

        return (admission, announce);
    }

    /// <summary>The oldest queued messages, in order.</summary>
    public Task<IReadOnlyList<OutboxMessage>> PeekAsync(int max, CancellationToken cancellationToken) => _store.PeekAsync(max, cancellationToken);

    /// <summary>Removes messages the broker acknowledged, in one write.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        var removed = await _store.RemoveAsync(sequences, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_total is { } total)
        {
            _total = total - removed;
        }

        _gate.Release();
    }

    /// <summary>
    /// The broker refused <paramref name="message"/> (a PUBACK with a failure code). Below
    /// <c>OutboxMaxRefusals</c> it stays first in line and is sent again after a reconnect (the refusal
    /// may pass); at the limit it is moved aside into the dead letters with an event, so one message
    /// cannot hold up everything behind it for ever.
    /// </summary>
    /// <returns>True when it was moved aside (the sender goes on), false when it stays.</returns>
    public async Task<bool> RefusedAsync(OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var refusals = _refusals.GetValueOrDefault(message.Sequence) + 1;
            if (refusals < _maxRefusals)
            {
                _refusals[message.Sequence] = refusals;
                return false;
            }

            _refusals.Remove(message.Sequence);
            await _store.MoveAsideAsync(message, reason, _time.GetUtcNow(), DeadLettersKept, cancellationToken).ConfigureAwait(false);
            _total = _total - 1;
        }
        finally
        {
            _gate.Release();
        }

        LogMovedAside(message.Sequence, message.Topic, reason);
        // A refused dead-letter event is not announced again: that would feed the loop it reports.
        if (!OutboxDeadLetters.IsAnnouncement(message))
        {
            await _events.RaiseAsync(
                EventSeverities.Error,
                "cloud",
                OutboxDeadLetters.EventCode,
                $"The cloud broker refused outbox message {message.Sequence} ({message.Topic}) {_maxRefusals} times ({reason}); it was moved aside into the dead letters and the messages behind it are sent.",
                CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Completes when something was queued since the last wait (or at once if it was).</summary>
    public ValueTask<bool> WaitQueuedAsync(CancellationToken cancellationToken) => _queued.Reader.ReadAsync(cancellationToken);

    public void Dispose() => _gate.Dispose();

    private Task<EdgeEvent> AnnounceOverflowAsync() =>
        _events.RaiseAsync(
            EventSeverities.Warning,
            "cloud",
            "cloud.outbox.full",
            $"The cloud outbox is full ({_max} messages): dropping the oldest telemetry, then the oldest events; sessions are kept, also above the bound.",
            CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud outbox message {Sequence} ({Topic}) moved aside after repeated refusals: {Reason}")]
    private partial void LogMovedAside(long sequence, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud outbox full: new {Topic} message admitted={Admitted}, dropped {Telemetry} telemetry and {Events} events")]
    private partial void LogOverflow(string topic, bool admitted, int telemetry, int events);
}
