using System.Net;
using System.Net.Sockets;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The real daemon (demo site, cloud on a loopback broker) as a child process, for the cloud tests that kill it.</summary>
internal static class CloudDaemon
{
    /// <summary>
    /// Writes the demo site with the cloud at 127.0.0.1:<paramref name="brokerPort"/> (telemetry every
    /// second), changed by <paramref name="change"/> when given; returns the file.
    /// </summary>
    public static async Task<string> WriteSiteAsync(string dataDir, string siteId, int brokerPort, Func<SiteConfiguration, SiteConfiguration>? change = null)
    {
        var site = DemoSiteConfiguration.Create(FreePort()) with
        {
            SiteId = siteId,
            Cloud = new CloudSettings { Enabled = true, Host = "127.0.0.1", Port = brokerPort, Tls = false, TelemetryIntervalS = 1 },
        };
        site = change?.Invoke(site) ?? site;
        var siteFile = Path.Combine(dataDir, "site.json");
        await File.WriteAllTextAsync(siteFile, SiteConfigurationReader.Write(site));
        return siteFile;
    }

    public static ChildProcess Start(string dataDir, string siteFile) => ChildProcess.StartDotnet(BuiltArtifacts.AgentDll, [
        "--demo", "--data-dir", dataDir, "--site-config", siteFile,
        "--web-urls", $"http://127.0.0.1:{FreePort()}", "--ocpp-urls", $"http://127.0.0.1:{FreePort()}"]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
