using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The cloud's side in tests: a real MQTT 5 (or 3.1.1) client that records every message under a filter and can send commands.</summary>
internal sealed class CloudObserver : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<Received> _messages = [];
    private readonly Lock _lock = new();

    public sealed record Received(string Topic, string Payload, bool Retain, string? ResponseTopic, byte[]? CorrelationData)
    {
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
    }

    private MqttClientOptions _options = null!;

    /// <param name="persistentSession">Keeps its session (subscription, queued QoS 1 messages) at the broker
    /// while away, also across a broker restart that saves it: see <see cref="ReconnectAsync"/>.</param>
    /// <param name="protocol">3.1.1 for a broker that speaks nothing newer (no response topic, no correlation data).</param>
    public static async Task<CloudObserver> ConnectAsync(
        int port, string filter = "chargenet/v1/#", bool persistentSession = false, MqttProtocolVersion protocol = MqttProtocolVersion.V500)
    {
        var observer = new CloudObserver();
        observer._client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            lock (observer._lock)
            {
                observer._messages.Add(new Received(m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain, m.ResponseTopic, m.CorrelationData));
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("observer-" + Guid.NewGuid().ToString("N"))
            .WithProtocolVersion(protocol);
        if (persistentSession)
        {
            options.WithCleanStart(false);
            if (protocol == MqttProtocolVersion.V500)
            {
                options.WithSessionExpiryInterval(3600);
            }
        }

        observer._options = options.Build();
        await observer._client.ConnectAsync(observer._options);
        await observer._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return observer;
    }

    /// <summary>Connects again with the same client id: a persistent session gets what was queued for it meanwhile.</summary>
    public async Task ReconnectAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        await _client.ConnectAsync(_options);
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<Received> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    /// <param name="context">What else a failure should show (the daemon's and the broker's output), read only then.</param>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null, string what = "messages", Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!done(Messages))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; got: " + string.Join("\n", Messages.Select(m => m.Topic + " " + m.Payload)) + (context is null ? "" : "\n" + context()));
            }

            await Task.Delay(20);
        }

        return Messages;
    }

    public Task PublishAsync(string topic, string payload, string? responseTopic = null, byte[]? correlation = null)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            builder.WithResponseTopic(responseTopic);
        }

        if (correlation is not null)
        {
            builder.WithCorrelationData(correlation);
        }

        return _client.PublishAsync(builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
