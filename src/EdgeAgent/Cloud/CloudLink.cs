using System.Buffers;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The connection to the cloud broker: connects (MQTT 5, 3.1.1 if the broker wants it), announces
/// the retained status, drains the outbox in order, publishes telemetry, takes commands; on any
/// loss waits with jittered exponential backoff and tries again; reconnects when the configuration changes.
/// </summary>
public sealed partial class CloudLink : BackgroundService
{
    private readonly SiteConfigurationService _configuration;
    private readonly CloudOutbox _outbox;
    private readonly CloudCommandDispatcher _commands;
    private readonly CloudTelemetrySource _telemetry;
    private readonly SiteEventLog _events;
    private readonly CloudSyncOptions _tuning;
    private readonly TimeProvider _time;
    private readonly ILogger<CloudLink> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly CloudCommandBacklog _queue;
    private readonly DateTimeOffset _startedAt;
    private readonly CloudAuthorizeRequests? _authorizations;
    private CancellationTokenSource _reconfigured = new();
    private IMqttClient? _connected;
    private CloudEndpoint? _endpoint;
    private string? _refusalAnnounced;

    // host:port of a broker that refused MQTT 5 once: later attempts go straight to 3.1.1, because
    // MQTTnet may still be closing the refused attempt when the 3.1.1 one follows on the same client,
    // and that attempt then fails and waits out a backoff.
    private string? _speaks311;

    public CloudLink(
        SiteConfigurationService configuration,
        CloudOutbox outbox,
        CloudCommandDispatcher commands,
        CloudTelemetrySource telemetry,
        SiteEventLog events,
        IOptions<CloudSyncOptions> options,
        TimeProvider time,
        ILogger<CloudLink> logger,
        CloudAuthorizeRequests? authorizations = null)
    {
        _authorizations = authorizations;
        authorizations?.Attach(this);
        _configuration = configuration;
        _outbox = outbox;
        _commands = commands;
        _telemetry = telemetry;
        _events = events;
        _tuning = options.Value;
        _time = time;
        _logger = logger;
        _startedAt = time.GetUtcNow();
        _backoff = new ReconnectBackoff(_tuning.ReconnectInitial, _tuning.ReconnectMax, Random.Shared.NextDouble);
        _queue = new CloudCommandBacklog(_tuning.CommandQueueCapacity, _tuning.CommandWorkers);
        _configuration.Changed += OnConfigurationChanged;
    }

    /// <summary>True while a connection to the broker is up.</summary>
    public bool IsConnected => Volatile.Read(ref _connected)?.IsConnected == true;

    public override void Dispose()
    {
        _configuration.Changed -= OnConfigurationChanged;
        _reconfigured.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var telemetry = RunTelemetryAsync(stoppingToken);
        var commands = _queue.RunAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var reconfigured = Volatile.Read(ref _reconfigured).Token;
            var endpoint = CloudEndpoint.Of(_configuration.Current?.Site);
            Volatile.Write(ref _endpoint, endpoint);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, reconfigured);
            try
            {
                if (endpoint is null)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, _time, wake.Token).ConfigureAwait(false);
                    continue;
                }

                await RunConnectionAsync(endpoint, reconfigured, stoppingToken).ConfigureAwait(false);
                if (reconfigured.IsCancellationRequested || stoppingToken.IsCancellationRequested)
                {
                    _backoff.Reset();
                    continue;
                }

                var delay = _backoff.NextDelay();
                LogRetrying(endpoint.Settings.Host!, endpoint.Settings.Port, delay.TotalSeconds, _backoff.Attempt);
                await Task.Delay(delay, _time, wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (wake.IsCancellationRequested)
            {
                // A new configuration or the end: go round and look again.
            }
#pragma warning disable CA1031 // The link must outlive any one failure; it is logged and retried after the backoff.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLinkFailed(ex);
                await Task.Delay(_backoff.NextDelay(), _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await telemetry.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await commands.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunConnectionAsync(CloudEndpoint endpoint, CancellationToken reconfigured, CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            // A refused CONNECT (e.g. the MQTT 5 attempt before the 3.1.1 one) also raises this; only a connection that was up can be lost.
            if (e.ClientWasConnected)
            {
                lost.TrySetResult(e);
            }

            return Task.CompletedTask;
        };
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, reconfigured);
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(client, endpoint, e);
        if (await TryConnectAsync(client, endpoint, session.Token).ConfigureAwait(false) is not { } connected)
        {
            return;
        }

        _backoff.Reset();
        _refusalAnnounced = null;
        var status = CloudTopics.Of(endpoint.SiteId, CloudTopics.Status);
        await client.PublishAsync(Message(status, StatusJson(true), MqttQualityOfServiceLevel.AtLeastOnce, retain: true), session.Token).ConfigureAwait(false);
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(CloudTopics.Commands(endpoint.SiteId), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(CloudTopics.Of(endpoint.SiteId, CloudTopics.AuthorizeResult), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            session.Token).ConfigureAwait(false);
        Volatile.Write(ref _connected, client);
        LogConnected(endpoint.Settings.Host!, endpoint.Settings.Port, endpoint.ClientId, client.Options.ProtocolVersion);
        try
        {
            var drain = new CloudOutboxDrain(client, _outbox, endpoint.SiteId, CloudOutboxDrain.WindowFor(connected.ReceiveMaximum));
            var draining = drain.RunAsync(session.Token);
            var ended = await Task.WhenAny(lost.Task, draining).ConfigureAwait(false);
            if (ended == draining && draining.IsFaulted && !session.IsCancellationRequested)
            {
                LogDrainFailed(draining.Exception!.GetBaseException());
            }
        }
        finally
        {
            Volatile.Write(ref _connected, null);
        }

        if (lost.Task.IsCompleted)
        {
            var e = await lost.Task.ConfigureAwait(false);
            LogLost(endpoint.Settings.Host!, e.Reason.ToString(), e.Exception?.Message ?? "-");
            return;
        }

        // Leaving on purpose (shutdown or new settings): say so, so the will is not needed.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), _time);
        try
        {
            await client.PublishAsync(Message(status, StatusJson(false), MqttQualityOfServiceLevel.AtLeastOnce, retain: true), timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The broker may already be gone; the will message covers that.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogGoodbyeFailed(ex.Message);
        }
    }

    private async Task<MqttClientConnectResult?> TryConnectAsync(IMqttClient client, CloudEndpoint endpoint, CancellationToken cancellationToken)
    {
        var will = StatusJson(false);
        try
        {
            var broker = $"{endpoint.Settings.Host}:{endpoint.Settings.Port}";
            MqttClientConnectResult? result = null;
            if (_speaks311 != broker)
            {
                result = await ConnectUnless311Async(client, CloudClientOptionsFactory.Create(endpoint, MqttProtocolVersion.V500, will, _tuning), cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    _speaks311 = broker;
                    LogFallingBack(endpoint.Settings.Host!, endpoint.Settings.Port);
                }
            }

            result ??= await client.ConnectAsync(CloudClientOptionsFactory.Create(endpoint, MqttProtocolVersion.V311, will, _tuning), cancellationToken).ConfigureAwait(false);

            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return result;
            }

            await AnnounceRefusalAsync(endpoint, result.ResultCode.ToString(), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (MqttConnectingFailedException ex) when (RefusalOf(ex) is { } refusal)
        {
            await AnnounceRefusalAsync(endpoint, refusal, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (TlsRefusalOf(endpoint, ex) is { } refusal)
        {
            await AnnounceRefusalAsync(endpoint, refusal, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(endpoint.Settings.Host!, endpoint.Settings.Port, ex.GetBaseException().Message);
            return null;
        }
    }

    // Null when the broker refused the MQTT 5 CONNECT for its protocol version, which MQTTnet reports
    // either as the result or as an exception carrying the code.
    private static async Task<MqttClientConnectResult?> ConnectUnless311Async(IMqttClient client, MqttClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            return ProtocolFallback.Wants311(result.ResultCode) ? null : result;
        }
        catch (MqttConnectingFailedException ex) when (RefusalOf(ex) == nameof(MqttClientConnectResultCode.UnsupportedProtocolVersion))
        {
            return null;
        }
    }

    // MQTTnet reports a CONNACK with a failure code either as the result or as this exception, naming the code.
    private static string? RefusalOf(MqttConnectingFailedException ex) =>
        Enum.GetNames<MqttClientConnectResultCode>().FirstOrDefault(name => name != nameof(MqttClientConnectResultCode.Success) && ex.Message.Contains(name, StringComparison.Ordinal));

    // A broker that is reached but refuses us at the TLS level is a refusal the installer must act on,
    // not an outage: an untrusted broker certificate fails our handshake; a client certificate the
    // broker does not take (or misses) makes it drop the connection right after the handshake, before
    // CONNACK (mosquitto resets it). A broker that is down refuses the TCP connection instead.
    private static string? TlsRefusalOf(CloudEndpoint endpoint, Exception ex)
    {
        if (!endpoint.Settings.Tls)
        {
            return null;
        }

        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return "TLS handshake failed: " + e.Message;
            }

            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.NotConnected })
            {
                return "the broker closed the TLS connection before answering; "
                    + (string.IsNullOrEmpty(endpoint.Settings.ClientCertFile) ? "it may require a client certificate (none is configured)" : "it may not accept the configured client certificate");
            }
        }

        return null;
    }

    private async Task AnnounceRefusalAsync(CloudEndpoint endpoint, string reason, CancellationToken cancellationToken)
    {
        LogRefused(endpoint.Settings.Host!, endpoint.Settings.Port, reason, endpoint.ClientId);
        if (_refusalAnnounced == reason)
        {
            return; // One event per kind of refusal, not one per retry.
        }

        _refusalAnnounced = reason;
        await _events.RaiseAsync(
            EventSeverities.Error,
            "cloud",
            "cloud.connection.refused",
            $"The cloud broker {endpoint.Settings.Host}:{endpoint.Settings.Port} refused the connection ({reason}); retrying with backoff.",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task OnMessageAsync(IMqttClient client, CloudEndpoint endpoint, MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.Topic == CloudTopics.Of(endpoint.SiteId, CloudTopics.AuthorizeResult))
        {
            _authorizations?.Deliver(message.Payload.ToArray());
            return;
        }

        if (CloudTopics.CommandName(endpoint.SiteId, message.Topic) is not { } name)
        {
            return;
        }

        var payload = message.Payload.ToArray();
        var responseTopic = message.ResponseTopic;
        var correlation = message.CorrelationData;
        if (CommandResponseTopic.Refusal(endpoint.SiteId, responseTopic) is { } badTopic)
        {
            // Answered where the site's answers go, never on the topic asked for.
            await AnswerAsync(client, endpoint, name, _commands.Refuse(name, payload, badTopic), null, null).ConfigureAwait(false);
            return;
        }

        var queued = _queue.TryEnqueue(async stopping =>
        {
            var result = await _commands.ExecuteAsync(name, payload, stopping).ConfigureAwait(false);
            await AnswerAsync(client, endpoint, name, result, responseTopic, correlation).ConfigureAwait(false);
        });
        if (!queued)
        {
            var busy = $"refused: {_queue.Capacity} commands are already waiting; not run, send it again later";
            await AnswerAsync(client, endpoint, name, _commands.Refuse(name, payload, busy), responseTopic, correlation).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(IMqttClient client, CloudEndpoint endpoint, string name, CommandResult result, string? responseTopic, byte[]? correlation)
    {
        try
        {
            // The connection the command came on may have been replaced meanwhile: answer on the live one.
            var live = Volatile.Read(ref _connected) ?? client;
            var reply = CommandReply.Build(endpoint.SiteId, result, responseTopic, correlation, live.Options.ProtocolVersion);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            await live.PublishAsync(reply, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The answer is lost with the connection; the cloud repeats the id and gets it again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAnswerLost(name, result.Id ?? "-", ex.Message);
        }
    }

    /// <summary>
    /// Publishes a request to the cloud (QoS 1) whose answer comes on <paramref name="responseLeaf"/>, with
    /// <paramref name="correlation"/> (MQTT 5; at 3.1.1 the cloud answers on that topic all the same and
    /// the payload's id tells the answers apart). False when the link is down or the publish fails.
    /// </summary>
    internal async Task<bool> TryRequestAsync(string leaf, string payload, string responseLeaf, byte[] correlation, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connected) is not { IsConnected: true } client || Volatile.Read(ref _endpoint) is not { } endpoint)
        {
            return false;
        }

        var request = new MqttApplicationMessageBuilder()
            .WithTopic(CloudTopics.Of(endpoint.SiteId, leaf))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (client.Options.ProtocolVersion >= MqttProtocolVersion.V500)
        {
            request.WithResponseTopic(CloudTopics.Of(endpoint.SiteId, responseLeaf)).WithCorrelationData(correlation).WithContentType("application/json");
        }

        try
        {
            await client.PublishAsync(request.Build(), cancellationToken).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // A request that cannot go out is a request without an answer: the caller's offline rule decides.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogRequestFailed(leaf, ex.Message);
            return false;
        }
    }

    private async Task RunTelemetryAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? lastSent = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = TimeSpan.FromSeconds(Math.Max(1, _configuration.Current?.Site.Cloud?.TelemetryIntervalS ?? 10));
            await Task.Delay(interval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested || CloudEndpoint.Of(_configuration.Current?.Site) is not { } endpoint
                || _telemetry.Latest is not { } status || status.Ts == lastSent)
            {
                continue;
            }

            lastSent = status.Ts;
            try
            {
                var payload = CloudPayloads.Telemetry(status);
                var client = Volatile.Read(ref _connected);
                if (client?.IsConnected == true)
                {
                    await client.PublishAsync(Message(CloudTopics.Of(endpoint.SiteId, CloudTopics.Telemetry), payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false), stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    // Offline: kept for the cloud's history, and the first to go when the outbox is full.
                    await _outbox.EnqueueAsync(CloudTopics.Telemetry, payload, stoppingToken).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // One lost sample is not worth stopping telemetry for.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogTelemetryFailed(ex.Message);
            }
        }
    }

    private string StatusJson(bool online) => CloudPayloads.Status(new StatusPayload(online, AgentHelp.Version, _startedAt, _time.GetUtcNow()));

    internal static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos, bool retain) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build();

    private void OnConfigurationChanged(AppliedConfiguration applied)
    {
        // Only a new broker, identity or credentials needs a new connection; other changes (a new grid limit) do not.
        if (CloudEndpoint.Of(applied.Site) == Volatile.Read(ref _endpoint))
        {
            return;
        }

        var previous = Interlocked.Exchange(ref _reconfigured, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud: connected to {Host}:{Port} as {ClientId} ({Protocol})")]
    private partial void LogConnected(string host, int port, string clientId, MqttProtocolVersion protocol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud: broker {Host}:{Port} does not take MQTT 5; connecting with MQTT 3.1.1")]
    private partial void LogFallingBack(string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud: broker {Host}:{Port} refused the connection: {Reason} (client id {ClientId}); retrying")]
    private partial void LogRefused(string host, int port, string reason, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: broker {Host}:{Port} unreachable: {Reason}")]
    private partial void LogUnreachable(string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud: next attempt to {Host}:{Port} in {DelayS:F1} s (attempt {Attempt})")]
    private partial void LogRetrying(string host, int port, double delayS, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: connection to {Host} lost ({Reason}): {Detail}")]
    private partial void LogLost(string host, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: sending the outbox failed; reconnecting")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud: the link failed; retrying after the backoff")]
    private partial void LogLinkFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cloud: leaving the broker cleanly failed: {Reason}")]
    private partial void LogGoodbyeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: the answer to {Name} ({Id}) was not sent: {Reason}")]
    private partial void LogAnswerLost(string name, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: a {Leaf} request was not sent: {Reason}")]
    private partial void LogRequestFailed(string leaf, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: telemetry not sent: {Reason}")]
    private partial void LogTelemetryFailed(string reason);
}
