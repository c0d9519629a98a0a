using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChargeNet.Drivers.Ocpp.Transport;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// Opens the WebSocket to the upstream central system as a charge point would: the charger's
/// subprotocol, HTTP Basic with its upstream id and password (security profiles 1 and 2), TLS
/// checked against <see cref="OcppUpstreamTarget.CaFile"/> when one is given (docs/upstream.md).
/// </summary>
public static class OcppUpstreamConnector
{
    public static async Task<IOcppTransport> ConnectAsync(OcppUpstreamTarget target, OcppVersion version, int maxMessageBytes, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            var subProtocol = OcppSubProtocol.Of(version);
            socket.Options.AddSubProtocol(subProtocol);
            socket.Options.KeepAliveInterval = keepAlive;
            if (target.Password is { } password)
            {
                socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{target.UpstreamId}:{password}")));
            }

            if (target.CaFile is { } caFile)
            {
                var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
                socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsTo(authority, certificate, errors);
            }

            await socket.ConnectAsync(target.Url, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(socket.SubProtocol, subProtocol, StringComparison.OrdinalIgnoreCase))
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.ProtocolError, "subprotocol " + subProtocol + " required", cancellationToken).ConfigureAwait(false);
                throw new WebSocketException($"the upstream did not agree to subprotocol {subProtocol} (it chose '{socket.SubProtocol}')");
            }

            return new WebSocketOcppTransport(socket, 1024 * 1024, "upstream " + target);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The certificate chains to <paramref name="authority"/> (and names the host: no name mismatch).</summary>
    private static bool ChainsTo(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
