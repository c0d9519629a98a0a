using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using ChargeNet.Integration.Tests.Cloud;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Ocpp;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The built daemon with a certificate made by openssl (a test CA): the page and API over HTTPS
/// from {data-dir}/tls/cert.pem + key.pem, and OCPP over wss:// (security profile 2: HTTP Basic over
/// TLS) from ocpp.certificateFile, each checked by a client that trusts only the test CA.
/// </summary>
public sealed class EdgeTlsTests : IDisposable
{
    private const string ChargerPassword = "profile-two-password-16+";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("chargenet-tls-").FullName;

    [Fact]
    public async Task Page_and_api_are_served_over_https_and_a_charger_connects_over_wss_with_its_password()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var tls = Directory.CreateDirectory(Path.Combine(_dataDir, "tls")).FullName;
        File.Copy(certificates.ServerCertFile, Path.Combine(tls, "cert.pem"));
        File.Copy(certificates.ServerKeyFile, Path.Combine(tls, "key.pem"));
        var ocppPem = Path.Combine(_dataDir, "ocpp-server.pem"); // certificate and key in one file
        await File.WriteAllTextAsync(ocppPem, await File.ReadAllTextAsync(certificates.ServerCertFile) + await File.ReadAllTextAsync(certificates.ServerKeyFile));
        var site = Path.Combine(_dataDir, "site.json");
        await File.WriteAllTextAsync(site, $$"""
            {
              "siteId": "tls-test",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "WSS-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16, "ocppPassword": "{{ChargerPassword}}" } ],
              "ocpp": { "certificateFile": "{{ocppPem}}" }
            }
            """);

        await using var agent = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
            ["--site-config", site, "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["CHARGENET_ADMIN_PASSWORD"] = "tls-admin-password" });
        await agent.WaitForLineCountAsync(l => l.Contains("listening on https://", StringComparison.Ordinal), 2, Timeout);
        var addresses = agent.StandardOutput.Where(l => l.Contains("listening on ", StringComparison.Ordinal))
            .Select(l => new Uri(l[(l.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim())).ToList();
        Assert.Equal(2, addresses.Count);
        var (web, ocpp) = (addresses[0], addresses[1]);

        using var ca = X509CertificateLoader.LoadCertificateFromFile(certificates.CaFile);
        using var trusting = new HttpClient(TrustingOnly(ca)) { BaseAddress = web };
        Assert.Equal("ok\n", await trusting.GetStringAsync("/healthz"));
        using var login = await trusting.PostAsJsonAsync("/api/v1/login", new { username = "admin", password = "tls-admin-password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));

        // Neither plain HTTP on the web port nor a client that does not trust the CA gets an answer.
        using var plain = new HttpClient { BaseAddress = new Uri("http://" + web.Authority) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetStringAsync("/healthz"));
        using var untrusting = new HttpClient { BaseAddress = web };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => untrusting.GetStringAsync("/healthz"));

        await using var peer = await OcppPeer.StartAsync();
        var wss = "wss://" + ocpp.Authority + "/ocpp";
        Assert.False((await peer.ConnectAsync(wss, "WSS-1", ChargerPassword, client: "untrusting")).GetProperty("ok").GetBoolean());
        Assert.Equal(401, (await peer.ConnectAsync(wss, "WSS-1", "a-wrong-password-of-16+", client: "wrong", caPem: await File.ReadAllTextAsync(certificates.CaFile)))
            .GetProperty("error").GetProperty("status").GetInt32());
        var connected = await peer.ConnectAsync(wss, "WSS-1", ChargerPassword, caPem: await File.ReadAllTextAsync(certificates.CaFile));
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + "\n" + agent.Transcript);
        Assert.Equal("Accepted", (await peer.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static HttpClientHandler TrustingOnly(X509Certificate2 ca) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        },
    };
}
