using System.Security.Cryptography.X509Certificates;

namespace ChargeNet.Drivers.Ocpp.Tls;

/// <summary>
/// Loads the edge's server certificate for <c>wss://</c> (security profile 2) from
/// <c>ocpp.certificateFile</c>: a PKCS#12 file (.pfx, .p12) or a PEM file holding the certificate
/// chain and its private key. Use it in Kestrel's <c>ListenOptions.UseHttps(certificate)</c>.
/// </summary>
public static class OcppCertificateLoader
{
    public static X509Certificate2 Load(string path, string? password = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The OCPP certificate file {path} does not exist.", path);
        }

        var extension = Path.GetExtension(path);
        var certificate = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path, path);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The OCPP certificate file {path} holds no private key.");
        }

        return certificate;
    }
}
