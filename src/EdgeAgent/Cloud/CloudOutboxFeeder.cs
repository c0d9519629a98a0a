using System.Threading.Channels;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Puts every site event and every finished session (Modbus/simulated and OCPP) into the outbox,
/// in the order they were raised. The raisers have already stored them; this queue only keeps the
/// raisers from waiting on the outbox.
/// </summary>
public sealed partial class CloudOutboxFeeder : BackgroundService
{
    private readonly CloudOutbox _outbox;
    private readonly SiteEventLog _events;
    private readonly SessionTracker? _sessions;
    private readonly LiteOcppTransactionStore? _ocppSessions;
    private readonly ILogger<CloudOutboxFeeder> _logger;
    private readonly Channel<(string Topic, string Payload)> _pending = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    public CloudOutboxFeeder(CloudOutbox outbox, SiteEventLog events, IEdgeStore store, ILogger<CloudOutboxFeeder> logger, SessionTracker? sessions = null)
    {
        _outbox = outbox;
        _events = events;
        _sessions = sessions;
        _ocppSessions = store.OcppTransactions as LiteOcppTransactionStore;
        _logger = logger;
        // Subscribed at construction, before any hosted service runs, so nothing raised early is missed.
        _events.Raised += OnEvent;
        if (_sessions is not null)
        {
            _sessions.SessionFinished += OnSession;
        }

        if (_ocppSessions is not null)
        {
            _ocppSessions.SessionFinished += OnSession;
        }
    }

    public override void Dispose()
    {
        _events.Raised -= OnEvent;
        if (_sessions is not null)
        {
            _sessions.SessionFinished -= OnSession;
        }

        if (_ocppSessions is not null)
        {
            _ocppSessions.SessionFinished -= OnSession;
        }

        base.Dispose();
    }

    /// <summary>Waits until everything raised so far is in the outbox (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _unwritten) > 0)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    private int _unwritten;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (topic, payload) in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await _outbox.EnqueueAsync(topic, payload, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One message that cannot be queued must not stop the feeder; it is logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogEnqueueFailed(ex, topic);
            }
            finally
            {
                Interlocked.Decrement(ref _unwritten);
            }
        }
    }

    private void OnEvent(EdgeEvent edgeEvent) => Queue(CloudTopics.Events, CloudPayloads.Event(edgeEvent));

    private void OnSession(ChargingSession session) => Queue(CloudTopics.Sessions, CloudPayloads.Session(session));

    private void Queue(string topic, string payload)
    {
        Interlocked.Increment(ref _unwritten);
        _pending.Writer.TryWrite((topic, payload));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Topic} message could not be put into the cloud outbox")]
    private partial void LogEnqueueFailed(Exception exception, string topic);
}
