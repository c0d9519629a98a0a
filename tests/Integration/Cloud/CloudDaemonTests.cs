namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The real daemon (demo site) against a real mosquitto: status, telemetry, and the will when it is killed hard.</summary>
public sealed class CloudDaemonTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-daemon-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_daemon_announces_itself_sends_telemetry_and_the_broker_publishes_its_will_after_a_hard_kill()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, "chargenet/v1/+/#");
        var siteFile = await CloudDaemon.WriteSiteAsync(_dataDir, "daemon-site", broker.Port);
        await using var daemon = CloudDaemon.Start(_dataDir, siteFile);

        var got = await cloud.WaitForAsync(
            m => m.Any(x => x.Topic == "chargenet/v1/daemon-site/status") && m.Any(x => x.Topic == "chargenet/v1/daemon-site/telemetry"),
            TimeSpan.FromSeconds(60),
            "the daemon's status and telemetry");
        Assert.True(got.First(x => x.Topic.EndsWith("/status", StringComparison.Ordinal)).Json.GetProperty("online").GetBoolean());
        var telemetry = got.First(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Json;
        Assert.Equal(8, telemetry.GetProperty("chargers").GetArrayLength());
        Assert.True(telemetry.GetProperty("grid").GetProperty("limitA").GetDouble() <= 80);

        daemon.KillHard();
        var will = await cloud.WaitForAsync(
            m => m.Any(x => x.Topic == "chargenet/v1/daemon-site/status" && !x.Json.GetProperty("online").GetBoolean()),
            TimeSpan.FromSeconds(30),
            "the will message");
        Assert.Contains(will, x => x.Topic.EndsWith("/status", StringComparison.Ordinal) && x.Payload.Contains("\"online\":false", StringComparison.Ordinal));
    }
}
