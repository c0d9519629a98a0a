using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using ChargeNet.Integration.Tests.Cloud;
using ChargeNet.Integration.Tests.Ocpp;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The built daemon with a certificate made by openssl (a test CA): the page and API over HTTPS
/// from {data-dir}/tls/cert.pem + key.pem, and OCPP over wss:// (security profile 2: HTTP Basic over
/// TLS) from ocpp.certificateFile, each checked by a client that trusts only the test CA.
/// </summary>
public sealed class EdgeTlsTests
{
    private const string ChargerPassword = "profile-two-password-16+";

    [Fact]
    public async Task Page_and_api_are_served_over_https_and_a_charger_connects_over_wss_with_its_password()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var ocppPem = Path.Combine(Path.GetDirectoryName(certificates.ServerCertFile)!, "ocpp-server.pem"); // certificate and key in one file
        await File.WriteAllTextAsync(ocppPem, await File.ReadAllTextAsync(certificates.ServerCertFile) + await File.ReadAllTextAsync(certificates.ServerKeyFile));
        await using var daemon = await SiteDaemon.StartAsync(
            $$"""
            {
              "siteId": "tls-test",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "WSS-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16, "ocppPassword": "{{ChargerPassword}}" } ],
              "ocpp": { "certificateFile": "{{ocppPem}}" }
            }
            """,
            dataDir =>
            {
                var tls = Directory.CreateDirectory(Path.Combine(dataDir, "tls")).FullName;
                File.Copy(certificates.ServerCertFile, Path.Combine(tls, "cert.pem"));
                File.Copy(certificates.ServerKeyFile, Path.Combine(tls, "key.pem"));
            });
        Assert.Equal(("https", "https"), (daemon.Web.Scheme, daemon.Ocpp.Scheme));

        using var ca = X509CertificateLoader.LoadCertificateFromFile(certificates.CaFile);
        using var trusting = new HttpClient(TrustingOnly(ca)) { BaseAddress = daemon.Web };
        Assert.Equal("ok\n", await trusting.GetStringAsync("/healthz"));
        using var login = await trusting.PostAsJsonAsync("/api/v1/login", new { username = "admin", password = SiteDaemon.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));

        // Neither plain HTTP on the web port nor a client that does not trust the CA gets an answer.
        using var plain = new HttpClient { BaseAddress = new Uri("http://" + daemon.Web.Authority) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetStringAsync("/healthz"));
        using var untrusting = new HttpClient { BaseAddress = daemon.Web };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => untrusting.GetStringAsync("/healthz"));

        await using var peer = await OcppPeer.StartAsync();
        var wss = "wss://" + daemon.Ocpp.Authority + "/ocpp";
        var caPem = await File.ReadAllTextAsync(certificates.CaFile);
        Assert.False((await peer.ConnectAsync(wss, "WSS-1", ChargerPassword, client: "untrusting")).GetProperty("ok").GetBoolean());
        Assert.Equal(401, (await peer.ConnectAsync(wss, "WSS-1", "a-wrong-password-of-16+", client: "wrong", caPem: caPem)).GetProperty("error").GetProperty("status").GetInt32());
        var connected = await peer.ConnectAsync(wss, "WSS-1", ChargerPassword, caPem: caPem);
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + "\n" + daemon.Process.Transcript);
        Assert.Equal("Accepted", (await peer.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
    }

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
