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
    private readonly IOutboxStore _store;
    private readonly SiteEventLog _events;
    private readonly TimeProvider _time;
    private readonly ILogger<CloudOutbox> _logger;
    private readonly int _max;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _queued = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int? _total;
    private bool _overflowAnnounced;

    public CloudOutbox(IEdgeStore store, SiteEventLog events, IOptions<CloudSyncOptions> options, TimeProvider time, ILogger<CloudOutbox> logger)
    {
        _store = store.Outbox;
        _events = events;
        _time = time;
        _logger = logger;
        _max = Math.Max(1, options.Value.OutboxMaxMessages);
    }

    /// <summary>Queues a message (topic below the site's root). Returns false when the bound refused it.</summary>
    public async Task<bool> EnqueueAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        OutboxAdmission admission;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = _total ??= await _store.CountAsync(cancellationToken).ConfigureAwait(false);
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
                await _store.EnqueueAsync(topic, payload, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                total++;
            }

            _total = total;
            if (total < _max * 9L / 10)
            {
                _overflowAnnounced = false;
            }
        }
        finally
        {
            _gate.Release();
        }

        _queued.Writer.TryWrite(true);
        if (admission.Dropped)
        {
            await AnnounceOverflowAsync(topic, admission, cancellationToken).ConfigureAwait(false);
        }

        return admission.Admit;
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

    /// <summary>Completes when something was queued since the last wait (or at once if it was).</summary>
    public ValueTask<bool> WaitQueuedAsync(CancellationToken cancellationToken) => _queued.Reader.ReadAsync(cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task AnnounceOverflowAsync(string topic, OutboxAdmission admission, CancellationToken cancellationToken)
    {
        LogOverflow(topic, admission.Admit, admission.DropTelemetry, admission.DropEvents);
        if (_overflowAnnounced)
        {
            return;
        }

        // Once per episode: the event itself goes through the outbox, which is full.
        _overflowAnnounced = true;
        await _events.RaiseAsync(
            EventSeverities.Warning,
            "cloud",
            "cloud.outbox.full",
            $"The cloud outbox is full ({_max} messages): dropping the oldest telemetry, then the oldest events; sessions are kept.",
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud outbox full: new {Topic} message admitted={Admitted}, dropped {Telemetry} telemetry and {Events} events")]
    private partial void LogOverflow(string topic, bool admitted, int telemetry, int events);
}
