using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Puts every site event into the outbox, in the order they were raised. It writes on the raiser's
/// own thread, before the raiser goes on. (A finished session's copy is written by the session's own
/// store call: Sessions.SessionRecorder.)
/// </summary>
public sealed partial class CloudOutboxFeeder : IHostedService, IDisposable
{
    private readonly CloudOutbox _outbox;
    private readonly SiteEventLog _events;
    private readonly ILogger<CloudOutboxFeeder> _logger;

    public CloudOutboxFeeder(CloudOutbox outbox, SiteEventLog events, ILogger<CloudOutboxFeeder> logger)
    {
        _outbox = outbox;
        _events = events;
        _logger = logger;
        // Subscribed at construction, before any hosted service runs, so nothing raised early is missed.
        _events.Raised += OnEvent;
    }

    public void Dispose() => _events.Raised -= OnEvent;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnEvent(EdgeEvent edgeEvent) => Queue(CloudTopics.Events, CloudPayloads.Event(edgeEvent));

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
