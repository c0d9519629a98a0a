using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChargeNet.EdgeAgent.Hosting.Tls;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Security profile 2: HTTP Basic over TLS, with the certificate loaded from a PEM file as ocpp.certificateFile gives it.</summary>
public sealed class OcppTlsTests
{
    [Fact]
    public async Task A_charger_connects_over_wss_with_its_password_and_plain_ws_is_not_served()
    {
        var folder = Directory.CreateTempSubdirectory("ocpp-tls-");
        try
        {
            var (pemFile, caPem) = WriteSelfSignedPem(folder.FullName);
            using var certificate = ServerCertificateLoader.Load(pemFile);
            await using var host = await OcppTestHost.StartAsync(certificate: certificate);
            host.Registry.Add("TLS-1", "profile-two-password");
            Assert.StartsWith("wss://127.0.0.1:", host.BaseUrl, StringComparison.Ordinal);
            await using var peer = await OcppPeer.StartAsync();

            var plain = await peer.ConnectAsync(host.BaseUrl.Replace("wss://", "ws://", StringComparison.Ordinal), "TLS-1", "profile-two-password", client: "plain");
            Assert.False(plain.GetProperty("ok").GetBoolean());

            var secure = await peer.ConnectAsync(host.BaseUrl, "TLS-1", "profile-two-password", caPem: caPem);
            Assert.True(secure.GetProperty("ok").GetBoolean(), secure.ToString());
            Assert.Equal("Accepted", (await peer.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (string PemFile, string CertificatePem) WriteSelfSignedPem(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=chargenet-edge-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePem = certificate.ExportCertificatePem();
        var path = Path.Combine(folder, "edge.pem");
        File.WriteAllText(path, certificatePem + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return (path, certificatePem);
    }
}
