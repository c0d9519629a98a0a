using System.Net;
using System.Net.Sockets;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.Integration.Tests.Foundation;

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
        var site = DemoSiteConfiguration.Create(FreePort()) with
        {
            SiteId = "daemon-site",
            Cloud = new CloudSettings { Enabled = true, Host = "127.0.0.1", Port = broker.Port, Tls = false, TelemetryIntervalS = 1 },
        };
        var siteFile = Path.Combine(_dataDir, "site.json");
        await File.WriteAllTextAsync(siteFile, SiteConfigurationReader.Write(site));
        await using var daemon = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll, [
            "--demo", "--data-dir", _dataDir, "--site-config", siteFile,
            "--web-urls", $"http://127.0.0.1:{FreePort()}", "--ocpp-urls", $"http://127.0.0.1:{FreePort()}"]);

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
