using System.Net;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Hosting.Tls;

/// <summary>
/// Kestrel's listeners, one per address of <c>--web-urls</c> and <c>--ocpp-urls</c>, and the one
/// place TLS is decided for both: the web listeners serve HTTPS when a certificate is in
/// <c>{data-dir}/tls</c> (see <see cref="CertificateFiles.InDataDirectory"/>), the OCPP listeners
/// serve <c>wss://</c> when the site configuration names <c>ocpp.certificateFile</c> at start. Either
/// way the certificate is read again when its file changes. An <c>https://</c> address with no
/// certificate is refused at start. An address in both lists is one listener, set as the web's.
/// Each listener serves only its own routes and caps its connections (<see cref="ListenerRoles"/>).
/// Called at start, after the site configuration was loaded and imported and before Kestrel binds
/// (Kestrel reads its listeners then).
/// </summary>
public static class EdgeListeners
{
    public static void Configure(KestrelServerOptions kestrel, AgentOptions options, SiteConfigurationService configuration, ILogger logger)
    {
        var web = CertificateFiles.InDataDirectory(options.DataDir) is null
            ? null
            : new ReloadingCertificate(() => CertificateFiles.InDataDirectory(options.DataDir), logger);
        var ocpp = configuration.Current?.Site.Ocpp?.CertificateFile is null
            ? null
            : new ReloadingCertificate(() => configuration.Current?.Site.Ocpp?.CertificateFile is { } file ? new CertificateFiles(file, null) : null, logger);
        web?.LoadNow();
        ocpp?.LoadNow();

        // An address in both lists is one listener serving both roles (and the web's certificate).
        var listeners = new List<(BindingAddress Address, string Url, ReloadingCertificate? Certificate, string Option, ListenerRole Role)>();
        foreach (var (urls, certificate, option, role) in new[] { (options.WebUrls, web, "--web-urls", ListenerRole.Web), (options.OcppUrls, ocpp, "--ocpp-urls", ListenerRole.Ocpp) })
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var address = BindingAddress.Parse(url);
                // Port 0 asks the OS for a fresh port each time: never the same listener twice.
                var same = address.Port == 0 ? -1 : listeners.FindIndex(l => l.Address.Port == address.Port && string.Equals(l.Address.Host, address.Host, StringComparison.OrdinalIgnoreCase));
                if (same >= 0)
                {
                    listeners[same] = listeners[same] with { Role = listeners[same].Role | role };
                    continue;
                }

                listeners.Add((address, url, certificate, option, role));
            }
        }

        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        foreach (var (address, url, certificate, option, role) in listeners)
        {
            var tls = certificate;
            if (tls is null && address.Scheme == "https")
            {
                throw new InvalidOperationException(option == "--web-urls"
                    ? $"{option}: '{url}' asks for HTTPS, but there is no certificate in {Path.Combine(options.DataDir, CertificateFiles.Folder)} (cert.pem and key.pem, or cert.pfx)"
                    : $"{option}: '{url}' asks for HTTPS, but the site configuration names no ocpp.certificateFile");
            }

            Listen(kestrel, address, listen =>
            {
                listen.Use(ListenerRoles.Tag(role));
                if (tls is not null)
                {
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => tls.Current);
                }
            });
        }
    }

    // As Kestrel reads a URL: an IP address binds that address, "localhost" both loopbacks, anything else every address.
    private static void Listen(KestrelServerOptions kestrel, BindingAddress address, Action<ListenOptions> configure)
    {
        if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, configure);
        }
        else if (address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(address.Port, configure);
        }
    }
}
