using System.Security.Cryptography.X509Certificates;

namespace ChargeNet.EdgeAgent.Hosting.Tls;

/// <summary>
/// Loads a server certificate with its private key: a PKCS#12 file (.pfx, .p12, no password) or a
/// PEM certificate (chain) whose key is in <c>keyFile</c> or, when that is null, in the same file.
/// </summary>
public static class ServerCertificateLoader
{
    public static X509Certificate2 Load(string certificateFile, string? keyFile = null)
    {
        if (!File.Exists(certificateFile))
        {
            throw new FileNotFoundException($"the certificate file {certificateFile} does not exist", certificateFile);
        }

        var extension = Path.GetExtension(certificateFile);
        var certificate = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password: null)
            : X509Certificate2.CreateFromPemFile(certificateFile, keyFile ?? certificateFile);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"the certificate file {certificateFile} holds no private key");
        }

        return certificate;
    }
}
