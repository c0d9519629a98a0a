namespace ChargeNet.EdgeAgent.Hosting.Tls;

/// <summary>A certificate file and, for PEM, the file of its private key (null: in the same file, or a .pfx).</summary>
public sealed record CertificateFiles(string CertificateFile, string? KeyFile)
{
    /// <summary>The folder of the data directory where the web page's certificate is looked for.</summary>
    public const string Folder = "tls";

    /// <summary>
    /// The web certificate in <c>{dataDir}/tls</c>: <c>cert.pem</c> with <c>key.pem</c> (or its key
    /// inside cert.pem), else <c>cert.pfx</c> (no password); null when there is none.
    /// </summary>
    public static CertificateFiles? InDataDirectory(string dataDir)
    {
        var folder = Path.Combine(dataDir, Folder);
        var pem = Path.Combine(folder, "cert.pem");
        if (File.Exists(pem))
        {
            var key = Path.Combine(folder, "key.pem");
            return new(pem, File.Exists(key) ? key : null);
        }

        var pfx = Path.Combine(folder, "cert.pfx");
        return File.Exists(pfx) ? new(pfx, null) : null;
    }
}
