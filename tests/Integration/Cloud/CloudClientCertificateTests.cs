namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>A mosquitto that takes only clients with a certificate its CA signed (require_certificate true).</summary>
public sealed class CloudClientCertificateTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-cert-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_site_certificate_gets_in_and_events_flow()
    {
        using var certificates = await TestCertificates.CreateAsync();
        await using var broker = await MosquittoBroker.StartAsync(tls: certificates, requireClientCertificate: true);
        await using var harness = await CloudHarness.StartAsync(_dataDir, Site(broker.Port, certificates, certificates.ClientCertFile, certificates.ClientKeyFile));
        await harness.WaitConnectedAsync();
        await harness.Events.RaiseAsync("info", "test", "test.cert", "over mutual TLS", CancellationToken.None);
        await WaitOutboxEmptyAsync(harness);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_or_untrusted_client_certificate_is_refused_with_an_event_and_the_link_keeps_trying(bool stranger)
    {
        using var certificates = await TestCertificates.CreateAsync();
        await using var broker = await MosquittoBroker.StartAsync(tls: certificates, requireClientCertificate: true);
        var site = stranger
            ? Site(broker.Port, certificates, certificates.StrangerCertFile, certificates.StrangerKeyFile)
            : Site(broker.Port, certificates, null, null);
        await using var harness = await CloudHarness.StartAsync(_dataDir, site);

        var refused = await WaitForEventAsync(harness, "cloud.connection.refused");
        Assert.Equal("error", refused.Severity);
        Assert.Contains($"127.0.0.1:{broker.Port}", refused.Message, StringComparison.Ordinal);
        Assert.False(harness.Link.IsConnected);

        // The right certificate, applied live, is taken at the next attempt.
        await harness.Configuration.ApplyAsync(
            EdgeAgent.Configuration.SiteConfigurationReader.Write(Site(broker.Port, certificates, certificates.ClientCertFile, certificates.ClientKeyFile)), "test", "test", CancellationToken.None);
        await harness.WaitConnectedAsync();
    }

    private static EdgeAgent.Configuration.SiteConfiguration Site(int port, TestCertificates certificates, string? certFile, string? keyFile)
    {
        var site = CloudHarness.Site("site-mtls", port);
        return site with { Cloud = site.Cloud! with { Tls = true, CaFile = certificates.CaFile, ClientCertFile = certFile, ClientKeyFile = keyFile } };
    }

    internal static async Task<EdgeAgent.Domain.EdgeEvent> WaitForEventAsync(CloudHarness harness, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await harness.Store.Events.ListAsync(1000, 0, CancellationToken.None);
            if (events.FirstOrDefault(e => e.Code == code) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {code} event; events: {string.Join(", ", events.Select(e => e.Code))}");
            await Task.Delay(50);
        }
    }

    internal static async Task WaitOutboxEmptyAsync(CloudHarness harness)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await harness.Store.Outbox.CountAsync(CancellationToken.None) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox was not sent");
            await Task.Delay(20);
        }
    }
}
