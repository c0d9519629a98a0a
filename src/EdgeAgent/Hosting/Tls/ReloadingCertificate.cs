using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Hosting.Tls;

/// <summary>
/// The certificate a TLS listener presents, read from files that may change while the daemon runs
/// (a renewed certificate, another <c>ocpp.certificateFile</c>): each handshake asks for it, and the
/// files are loaded again when their path or modification time changed. A file that cannot be
/// loaded keeps the last good certificate in use and is logged once per change.
/// </summary>
public sealed partial class ReloadingCertificate : IDisposable
{
    private readonly Func<CertificateFiles?> _files;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private X509Certificate2? _current;
    private (CertificateFiles Files, DateTime CertificateWritten, DateTime KeyWritten)? _loadedFrom;
    private (CertificateFiles Files, DateTime CertificateWritten, DateTime KeyWritten)? _failedFrom;

    public ReloadingCertificate(Func<CertificateFiles?> files, ILogger logger)
    {
        _files = files;
        _logger = logger;
    }

    /// <summary>Loads the certificate now; throws when there is none or it cannot be loaded (at start-up, that stops the daemon).</summary>
    public X509Certificate2 LoadNow() =>
        Current ?? throw new InvalidOperationException(_files() is { } files
            ? $"the certificate {files.CertificateFile} cannot be loaded (see the log)"
            : "no certificate is configured");

    /// <summary>The certificate to present now; null only when none was ever loaded.</summary>
    public X509Certificate2? Current
    {
        get
        {
            var files = _files();
            lock (_lock)
            {
                if (files is null)
                {
                    return _current;
                }

                var stamp = (files, File.GetLastWriteTimeUtc(files.CertificateFile), files.KeyFile is null ? default : File.GetLastWriteTimeUtc(files.KeyFile));
                if (stamp == _loadedFrom || stamp == _failedFrom)
                {
                    return _current;
                }

                try
                {
                    var loaded = ServerCertificateLoader.Load(files.CertificateFile, files.KeyFile);
                    // The old one may still be in use by a handshake in progress; the GC will finalize it.
                    _current = loaded;
                    _loadedFrom = stamp;
                    _failedFrom = null;
                    LogLoaded(files.CertificateFile, loaded.Subject, loaded.NotAfter);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    _failedFrom = stamp;
                    LogLoadFailed(files.CertificateFile, ex.Message);
                }

                return _current;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {File} loaded: {Subject}, valid until {NotAfter:u}")]
    private partial void LogLoaded(string file, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "TLS certificate {File} cannot be loaded: {Reason}; the previous one (if any) stays in use")]
    private partial void LogLoadFailed(string file, string reason);
}
