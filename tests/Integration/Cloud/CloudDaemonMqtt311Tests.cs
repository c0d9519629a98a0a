using MQTTnet.Formatter;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The real daemon (demo site) against a real MQTT 3.1.1-only broker (npm aedes): it falls back, and its will works at 3.1.1.</summary>
public sealed class CloudDaemonMqtt311Tests : IDisposable
{
    private const string Site = "daemon-311";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-daemon-311-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_daemon_connects_with_311_sends_telemetry_and_the_broker_publishes_its_retained_will_after_a_hard_kill()
    {
        await using var broker = await Mqtt311Broker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#", protocol: MqttProtocolVersion.V311);
        var siteFile = await CloudDaemon.WriteSiteAsync(_dataDir, Site, broker.Port);
        await using var daemon = CloudDaemon.Start(_dataDir, siteFile);

        var got = await cloud.WaitForAsync(
            m => m.Any(x => x.Topic.EndsWith("/status", StringComparison.Ordinal)) && m.Any(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the daemon's status and telemetry",
            () => $"the daemon:\n{daemon.Transcript}\nthe broker:\n{broker.Output}"); // a rare failure (Session 37) left nothing to read
        Assert.True(got.First(x => x.Topic.EndsWith("/status", StringComparison.Ordinal)).Json.GetProperty("online").GetBoolean());
        Assert.Equal(8, got.First(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Json.GetProperty("chargers").GetArrayLength());
        Assert.Equal([5, 4], broker.ConnectLevelsOf("chargenet-" + Site).Take(2));

        // Killed hard: no goodbye, the broker sees the connection drop and publishes the will the daemon left at 3.1.1.
        daemon.KillHard();
        await cloud.WaitForAsync(
            m => m.Any(x => x.Topic.EndsWith("/status", StringComparison.Ordinal) && !x.Json.GetProperty("online").GetBoolean()),
            TimeSpan.FromSeconds(30),
            "the will message");

        // Retained: the cloud's view of a site that died stays "offline" for whoever looks next.
        await using var late = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/status", protocol: MqttProtocolVersion.V311);
        var status = (await late.WaitForAsync(m => m.Count > 0, what: "the retained will")).Single();
        Assert.True(status.Retain);
        Assert.False(status.Json.GetProperty("online").GetBoolean());
    }
}
