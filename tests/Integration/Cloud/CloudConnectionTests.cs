using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The connection to a real mosquitto: retained status, telemetry, a refused login.</summary>
public sealed class CloudConnectionTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-conn-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Connects_with_a_retained_online_status_and_publishes_compact_telemetry()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-t", broker.Port));
        harness.Status = new SiteStatus(
            DateTimeOffset.UtcNow, "site-t", 1, "fair-share",
            new GridView([41.26, 38, 12.04], 76, false, DateTimeOffset.UtcNow),
            [20, 16, 6],
            [new ChargerView("CP001", true, null, [new ConnectorView(1, "charging", [15.98, 16.01, 0], 16, "fair", true)])],
            3.14159);
        await harness.WaitConnectedAsync();

        // A subscriber arriving later still sees the status: it is retained.
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, "chargenet/v1/site-t/#");
        var got = await cloud.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/status", StringComparison.Ordinal)) && m.Any(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal)), what: "status and telemetry");

        var status = got.First(x => x.Topic == "chargenet/v1/site-t/status");
        Assert.True(status.Retain);
        Assert.True(status.Json.GetProperty("online").GetBoolean());
        Assert.False(string.IsNullOrEmpty(status.Json.GetProperty("version").GetString()));
        var telemetry = got.First(x => x.Topic == "chargenet/v1/site-t/telemetry").Json;
        Assert.Equal([41.3, 38, 12], telemetry.GetProperty("grid").GetProperty("currentA").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(76, telemetry.GetProperty("grid").GetProperty("limitA").GetDouble());
        Assert.False(telemetry.GetProperty("grid").GetProperty("fallback").GetBoolean());
        Assert.Equal(3, telemetry.GetProperty("allocatedA").GetArrayLength());
        var connector = telemetry.GetProperty("chargers")[0].GetProperty("connectors")[0];
        Assert.Equal("charging", connector.GetProperty("state").GetString());
        Assert.Equal(16, connector.GetProperty("limitA").GetDouble());
        Assert.Equal([16, 16, 0], connector.GetProperty("currentA").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task Refused_credentials_raise_an_event_and_the_link_keeps_trying()
    {
        var passwords = await MosquittoBroker.MakePasswordFileAsync("site-r", "right-password");
        await using var broker = await MosquittoBroker.StartAsync(passwords);
        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-r", broker.Port, "site-r", "wrong-password"));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var events = await harness.Store.Events.ListAsync(100, 0, CancellationToken.None);
            if (events.Any(e => e.Code == "cloud.connection.refused"))
            {
                var refused = events.Single(e => e.Code == "cloud.connection.refused");
                Assert.Equal("error", refused.Severity);
                Assert.DoesNotContain("wrong-password", refused.Message, StringComparison.Ordinal);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "no cloud.connection.refused event");
            await Task.Delay(50);
        }

        // The right password, applied live, is taken at the next attempt.
        await harness.Configuration.ApplyAsync(
            EdgeAgent.Configuration.SiteConfigurationReader.Write(CloudHarness.Site("site-r", broker.Port, "site-r", "right-password")), "test", "test", CancellationToken.None);
        await harness.WaitConnectedAsync();
    }

    [Fact]
    public async Task Connects_over_tls_trusting_only_the_configured_ca()
    {
        using var certificates = await TestCertificates.CreateAsync();
        await using var broker = await MosquittoBroker.StartAsync(tls: certificates);
        var site = CloudHarness.Site("site-tls", broker.Port) is var s ? s with { Cloud = s.Cloud! with { Tls = true, CaFile = certificates.CaFile } } : null;
        await using var harness = await CloudHarness.StartAsync(_dataDir, site!);
        await harness.WaitConnectedAsync();
        await harness.Events.RaiseAsync("info", "test", "test.tls", "over TLS", CancellationToken.None);

        // Without the CA the same broker is not trusted: the link stays down.
        var untrusted = site! with { Cloud = site.Cloud! with { CaFile = null } };
        await harness.Configuration.ApplyAsync(EdgeAgent.Configuration.SiteConfigurationReader.Write(untrusted), "test", "test", CancellationToken.None);
        await harness.WaitConnectedAsync(connected: false);
        await Task.Delay(300);
        Assert.False(harness.Link.IsConnected);
    }
}
