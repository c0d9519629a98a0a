using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeNet.Benchmarks.Cloud;

/// <summary>
/// <c>-- cloud-drain [messages] [connectors]</c>: against a local mosquitto (own config, free loopback
/// port), (1) the outbox's drain rate after an outage: N events are queued in a real LiteDB file
/// through the daemon's own path (SiteEventLog → one transaction with the outbox copy) while no
/// broker is connected, then the daemon's drain sends them and a subscriber confirms each arrived,
/// once and in order; (2) the CPU the daemon spends per telemetry message for a site of M connectors.
/// </summary>
public static class CloudBench
{
    private const string Site = "bench-site";

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var connectors = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using var broker = await MosquittoBroker.StartAsync();
        Console.WriteLine($"mosquitto on 127.0.0.1:{broker.Port}; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        var ok = await DrainAsync(broker.Port, messages);
        await StoreShareAsync(messages);
        await EdgeShareAsync(broker.Port, messages);
        await TelemetryAsync(broker.Port, connectors);
        return ok ? 0 : 1;
    }

    private static async Task<bool> DrainAsync(int port, int messages)
    {
        var dataDir = Directory.CreateTempSubdirectory("cloud-bench-").FullName;
        try
        {
            using var store = LiteEdgeStore.Open(dataDir);
            var events = new SiteEventLog(store, TimeProvider.System, NullLogger<SiteEventLog>.Instance);
            var options = Options.Create(new CloudSyncOptions { OutboxMaxMessages = Math.Max(100_000, messages + 100) });
            using var outbox = new CloudOutbox(store, events, options, TimeProvider.System, NullLogger<CloudOutbox>.Instance);
            using var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance);

            var fill = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++)
            {
                await events.RaiseAsync(EventSeverities.Warning, "CP001", "bench.outage", "event " + i.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            }

            fill.Stop();
            Console.WriteLine($"filled the outbox with {messages} events (event + outbox copy, one transaction each) in {fill.Elapsed.TotalSeconds:F2} s: {messages / fill.Elapsed.TotalSeconds:F0} events/s");

            var received = new List<string>(messages);
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                lock (received)
                {
                    received.Add(JsonDocument.Parse(e.ApplicationMessage.Payload).RootElement.GetProperty("message").GetString()!);
                    if (received.Count >= messages)
                    {
                        all.TrySetResult();
                    }
                }

                return Task.CompletedTask;
            };
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-cloud").Build());
            await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(CloudTopics.Of(Site, CloudTopics.Events), MqttQualityOfServiceLevel.AtLeastOnce).Build());

            using var edge = new MqttClientFactory().CreateMqttClient();
            var connected = await ConnectEdgeAsync(edge, port, options.Value);
            var window = CloudOutboxDrain.WindowFor(connected.ReceiveMaximum);
            using var stop = new CancellationTokenSource();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var drain = new CloudOutboxDrain(edge, outbox, Site, window).RunAsync(stop.Token);
            var finished = await Task.WhenAny(all.Task, drain, Task.Delay(TimeSpan.FromMinutes(5)));
            var arrived = clock.Elapsed;
            await WaitEmptiedAsync(store, clock, TimeSpan.FromMinutes(6));
            var emptied = clock.Elapsed;
            process.Refresh();
            var cpuPerMessage = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / messages;
            await stop.CancelAsync();
            await drain.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            List<string> got;
            lock (received)
            {
                got = [.. received];
            }

            var inOrder = got.Select((m, i) => m == "event " + i.ToString(CultureInfo.InvariantCulture)).All(x => x);
            Console.WriteLine($"drain: {got.Count}/{messages} arrived at the subscriber in {arrived.TotalSeconds:F2} s: {got.Count / arrived.TotalSeconds:F0} msg/s "
                + $"(QoS 1, window {window}, broker Receive Maximum {connected.ReceiveMaximum}); outbox empty after {emptied.TotalSeconds:F2} s; in order: {inOrder}; duplicates: {got.Count - got.Distinct(StringComparer.Ordinal).Count()}");
            Console.WriteLine($"drain CPU: {cpuPerMessage:F0} µs per message in this process (the edge's send, PUBACK and removal, plus the subscriber's receive and JSON parse): "
                + $"at most {1_000_000 / cpuPerMessage:F0} msg/s per core it has to itself; load average {LoadAverage()}");
            await edge.DisconnectAsync();
            await subscriber.DisconnectAsync();
            return finished == all.Task && inOrder && got.Count == messages;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The store's part of the drain CPU alone: the same batches read and removed, no MQTT.</summary>
    private static async Task StoreShareAsync(int messages)
    {
        var dataDir = Directory.CreateTempSubdirectory("cloud-bench-store-").FullName;
        try
        {
            using var store = LiteEdgeStore.Open(dataDir);
            await FillDirectlyAsync(store, messages);

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            while (await store.Outbox.PeekAsync(256, CancellationToken.None) is { Count: > 0 } batch)
            {
                await store.Outbox.RemoveAsync(batch.Select(m => m.Sequence).ToList(), CancellationToken.None);
            }

            process.Refresh();
            var cpuPerMessage = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / messages;
            Console.WriteLine($"store share of the drain: {cpuPerMessage:F0} µs CPU per message (peek 256 + one removal write per batch, no MQTT); load average {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The edge's part alone: the same drain with no subscriber in this process (the broker drops what nobody wants).</summary>
    private static async Task EdgeShareAsync(int port, int messages)
    {
        var dataDir = Directory.CreateTempSubdirectory("cloud-bench-edge-").FullName;
        try
        {
            using var store = LiteEdgeStore.Open(dataDir);
            var events = new SiteEventLog(store, TimeProvider.System, NullLogger<SiteEventLog>.Instance);
            var options = Options.Create(new CloudSyncOptions { OutboxMaxMessages = Math.Max(100_000, messages + 100) });
            using var outbox = new CloudOutbox(store, events, options, TimeProvider.System, NullLogger<CloudOutbox>.Instance);
            await FillDirectlyAsync(store, messages);

            using var edge = new MqttClientFactory().CreateMqttClient();
            var connected = await ConnectEdgeAsync(edge, port, options.Value);
            using var stop = new CancellationTokenSource();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var drain = new CloudOutboxDrain(edge, outbox, Site, CloudOutboxDrain.WindowFor(connected.ReceiveMaximum)).RunAsync(stop.Token);
            await WaitEmptiedAsync(store, clock, TimeSpan.FromMinutes(5));
            var elapsed = clock.Elapsed;
            process.Refresh();
            var cpuPerMessage = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / messages;
            await stop.CancelAsync();
            await drain.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await edge.DisconnectAsync();
            Console.WriteLine($"edge share of the drain: {cpuPerMessage:F0} µs CPU per message (store + MQTT publish and PUBACK, no subscriber in this process), "
                + $"{messages / elapsed.TotalSeconds:F0} msg/s acknowledged; load average {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Task<MqttClientConnectResult> ConnectEdgeAsync(IMqttClient edge, int port, CloudSyncOptions options) =>
        edge.ConnectAsync(CloudClientOptionsFactory.Create(new CloudEndpoint(Site, new CloudSettings { Enabled = true, Host = "127.0.0.1", Port = port, Tls = false }), MqttProtocolVersion.V500, "{}", options));

    // Peek, not Count: LiteDB counts by walking the index, which would be billed to the drain.
    private static async Task WaitEmptiedAsync(LiteEdgeStore store, Stopwatch clock, TimeSpan limit)
    {
        while ((await store.Outbox.PeekAsync(1, CancellationToken.None)).Count > 0 && clock.Elapsed < limit)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>Queues events straight into the outbox (one commit each, no event log): for the split measurements.</summary>
    private static async Task FillDirectlyAsync(LiteEdgeStore store, int messages)
    {
        var payload = JsonSerializer.Serialize(new { id = Guid.NewGuid().ToString(), ts = DateTimeOffset.UtcNow, severity = "warning", source = "CP001", code = "bench.outage", message = "event 0" });
        for (var i = 0; i < messages; i++)
        {
            await store.Outbox.EnqueueAsync(CloudTopics.Events, payload, DateTimeOffset.UtcNow, CancellationToken.None);
        }
    }

    private static async Task TelemetryAsync(int port, int connectors)
    {
        var status = SiteOf(connectors);
        using var edge = new MqttClientFactory().CreateMqttClient();
        await ConnectEdgeAsync(edge, port, new CloudSyncOptions());
        var topic = CloudTopics.Of(Site, CloudTopics.Telemetry);

        // Warm up (JIT, buffers), then measure: what the link does per telemetry tick (serialise, publish QoS 0).
        for (var i = 0; i < 200; i++)
        {
            await edge.PublishAsync(Telemetry(topic, CloudPayloads.Telemetry(status)));
        }

        const int Publishes = 2_000;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var bytes = 0;
        for (var i = 0; i < Publishes; i++)
        {
            var payload = CloudPayloads.Telemetry(status);
            bytes = Encoding.UTF8.GetByteCount(payload);
            await edge.PublishAsync(Telemetry(topic, payload));
        }

        wall.Stop();
        process.Refresh();
        var cpuPerPublish = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Publishes;
        Console.WriteLine($"telemetry: {connectors} connectors, {bytes} bytes per message; process CPU {cpuPerPublish * 1000:F0} µs per publish "
            + $"(wall {wall.Elapsed.TotalMilliseconds * 1000 / Publishes:F0} µs); at the default 10 s interval that is {cpuPerPublish / 10_000 * 100:F4} % of one core");
        await edge.DisconnectAsync();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // As the link sends live telemetry: QoS 0, not retained.
    private static MqttApplicationMessage Telemetry(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();

    private static SiteStatus SiteOf(int connectors)
    {
        var now = DateTimeOffset.UtcNow;
        var chargers = Enumerable.Range(1, connectors).Select(i => new ChargerView(
            "CP" + i.ToString("D3", CultureInfo.InvariantCulture),
            true,
            null,
            [new ConnectorView(1, i % 3 == 0 ? "available" : "charging", [15.94 + (i % 7), 16.02, i % 2 == 0 ? 0 : 15.88], 16, "fair", true)])).ToList();
        return new SiteStatus(now, Site, 7, "fair-share", new GridView([212.37, 198.4, 187.05], 245, false, now), [200, 190, 180], chargers, 3.2);
    }
}
