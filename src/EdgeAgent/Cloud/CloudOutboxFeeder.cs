using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Puts every site event and every finished session (Modbus/simulated and OCPP) into the outbox,
/// in the order they were raised. It writes on the raiser's own thread, before the raiser goes on:
/// an OCPP StopTransaction is answered only once its session is in the outbox too, so a crash right
/// after the reply cannot keep it from the cloud.
/// </summary>
public sealed partial class CloudOutboxFeeder : IHostedService, IDisposable
{
    private readonly CloudOutbox _outbox;
    private readonly SiteEventLog _events;
    private readonly SessionTracker? _sessions;
    private readonly LiteOcppTransactionStore? _ocppSessions;
    private readonly ILogger<CloudOutboxFeeder> _logger;

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

    public void Dispose()
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
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnEvent(EdgeEvent edgeEvent) => Queue(CloudTopics.Events, CloudPayloads.Event(edgeEvent));

    private void OnSession(ChargingSession session) => Queue(CloudTopics.Sessions, CloudPayloads.Session(session));

    private void Queue(string topic, string payload)
    {
        try
        {
            // LiteDB writes synchronously; waiting here is what makes the raiser's reply safe.
            _outbox.EnqueueAsync(topic, payload, CancellationToken.None).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // One message that cannot be queued must not fail its raiser; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEnqueueFailed(ex, topic);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Topic} message could not be put into the cloud outbox")]
    private partial void LogEnqueueFailed(Exception exception, string topic);
}
