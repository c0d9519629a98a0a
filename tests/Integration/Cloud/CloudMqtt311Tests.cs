using MQTTnet.Formatter;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The link against a real broker that speaks only MQTT 3.1.1 (npm aedes): it refuses the MQTT 5 CONNECT,
/// the link falls back to 3.1.1 and everything the cloud needs still works there: the retained status,
/// events in order and removed only once acknowledged, and commands answered on cmd-result (3.1.1 has no
/// response topic).
/// </summary>
public sealed class CloudMqtt311Tests : IAsyncLifetime, IDisposable
{
    private const string Site = "site-311";
    private const string ClientId = "chargenet-" + Site;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-311-").FullName;
    private Mqtt311Broker _broker = null!;
    private CloudHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _broker = await Mqtt311Broker.StartAsync();
        _harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, _broker.Port));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task A_broker_that_refuses_MQTT_5_gets_a_311_connection_with_no_refusal_event()
    {
        await _harness.WaitConnectedAsync();

        // The broker saw what the link tried: MQTT 5 first (refused), then 3.1.1 (taken).
        var levels = _broker.ConnectLevelsOf(ClientId);
        Assert.True(levels.Count >= 2, _broker.Output);
        Assert.Equal([5, 4], levels.Take(2));
        Assert.Contains("unacceptable protocol version", _broker.Output, StringComparison.Ordinal);

        // Falling back is not a refusal the installer must act on, and the connection holds.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(_harness.Link.IsConnected, _broker.Output);
        Assert.Equal([5, 4], _broker.ConnectLevelsOf(ClientId));
        var events = await _harness.Store.Events.ListAsync(100, 0, CancellationToken.None);
        Assert.DoesNotContain(events, e => e.Code.StartsWith("cloud.connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_311_the_status_is_retained_and_events_arrive_in_order_and_leave_the_outbox_once_acknowledged()
    {
        await _harness.WaitConnectedAsync();
        await using var cloud = await CloudObserver.ConnectAsync(_broker.Port, $"chargenet/v1/{Site}/events", protocol: MqttProtocolVersion.V311);
        var raised = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            raised.Add((await _harness.Events.RaiseAsync("info", "test", "test.311", $"event {i}", CancellationToken.None)).Id);
        }

        // QoS 1 at 3.1.1 (a window of 16 in flight): all of them, in the order raised (a repeat may come, never a gap).
        var got = await cloud.WaitForAsync(m => raised.ToHashSet().IsSubsetOf(m.Select(x => x.Json.GetProperty("id").GetString()!)), what: "60 events");
        Assert.Equal(raised, got.Select(x => x.Json.GetProperty("id").GetString()!).Distinct().ToList());

        // Each was acknowledged by the broker, and only then deleted: none is left to send.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await _harness.Store.Outbox.PeekAsync(1000, CancellationToken.None)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox was not emptied after the PUBACKs");
            await Task.Delay(50);
        }

        // A subscriber arriving after the status was sent still gets it: retained at 3.1.1 too.
        await using var late = await CloudObserver.ConnectAsync(_broker.Port, $"chargenet/v1/{Site}/status", protocol: MqttProtocolVersion.V311);
        var status = (await late.WaitForAsync(m => m.Count > 0, what: "the retained status")).Single();
        Assert.True(status.Retain);
        Assert.True(status.Json.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task At_311_a_command_has_no_response_topic_and_is_answered_on_cmd_result_once_per_id()
    {
        await _harness.WaitConnectedAsync();
        await using var cloud = await CloudObserver.ConnectAsync(_broker.Port, $"chargenet/v1/{Site}/cmd-result", protocol: MqttProtocolVersion.V311);
        var before = _harness.Configuration.Current!.Revision;

        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"l311-1","maxCurrentA":50}""");
        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"l311-1","maxCurrentA":50}""");
        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"l311-2","maxCurrentA":"lots"}""");
        var got = await cloud.WaitForAsync(m => m.Count >= 3, what: "three answers on cmd-result");

        var answers = got.Select(x => x.Json).ToList();
        var first = answers.Where(a => a.GetProperty("id").GetString() == "l311-1").ToList();
        Assert.Equal(2, first.Count);
        Assert.All(first, a => Assert.True(a.GetProperty("ok").GetBoolean(), a.ToString()));
        Assert.Equal(before + 1, first[0].GetProperty("result").GetProperty("revision").GetInt32());
        Assert.Equal(50, _harness.Configuration.Current!.Site.Grid.MaxCurrentA);
        Assert.Equal(before + 1, _harness.Configuration.Current.Revision);
        var bad = answers.Single(a => a.GetProperty("id").GetString() == "l311-2");
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Contains("'maxCurrentA' is required", bad.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
