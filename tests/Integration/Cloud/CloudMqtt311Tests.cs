using System.Text.Json;
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
}
