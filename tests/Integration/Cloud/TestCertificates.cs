using System.Diagnostics;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// Made with openssl for the TLS broker: a CA, a server certificate for 127.0.0.1 and a client
/// certificate it signed, and a self-signed client certificate no broker here trusts.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _directory;

    private TestCertificates(string directory) => _directory = directory;

    public string CaFile => Path.Combine(_directory, "ca.crt");

    public string ServerCertFile => Path.Combine(_directory, "server.crt");

    public string ServerKeyFile => Path.Combine(_directory, "server.key");

    public string ClientCertFile => Path.Combine(_directory, "client.crt");

    public string ClientKeyFile => Path.Combine(_directory, "client.key");

    public string StrangerCertFile => Path.Combine(_directory, "stranger.crt");

    public string StrangerKeyFile => Path.Combine(_directory, "stranger.key");

    public static async Task<TestCertificates> CreateAsync()
    {
        var certificates = new TestCertificates(Directory.CreateTempSubdirectory("mqtt-tls-").FullName);
        var d = certificates._directory;
        await File.WriteAllTextAsync(Path.Combine(d, "san.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        await OpenSslAsync(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=ChargeNet test CA");
        await OpenSslAsync(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        await OpenSslAsync(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        await File.WriteAllTextAsync(Path.Combine(d, "client.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n");
        await OpenSslAsync(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=chargenet-site");
        await OpenSslAsync(d, "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.crt", "-days", "2", "-extfile", "client.ext");
        await OpenSslAsync(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out", "stranger.crt", "-days", "2", "-subj", "/CN=stranger");
        return certificates;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task OpenSslAsync(string directory, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(MosquittoBroker.Find("openssl"), args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl " + string.Join(' ', args) + ": " + await error);
        }
    }
}
