using System.Diagnostics;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>A CA and a server certificate for 127.0.0.1 made with openssl, for the TLS broker.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _directory;

    private TestCertificates(string directory) => _directory = directory;

    public string CaFile => Path.Combine(_directory, "ca.crt");

    public string ServerCertFile => Path.Combine(_directory, "server.crt");

    public string ServerKeyFile => Path.Combine(_directory, "server.key");

    public static async Task<TestCertificates> CreateAsync()
    {
        var certificates = new TestCertificates(Directory.CreateTempSubdirectory("mqtt-tls-").FullName);
        var d = certificates._directory;
        await File.WriteAllTextAsync(Path.Combine(d, "san.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        await OpenSslAsync(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=ChargeNet test CA");
        await OpenSslAsync(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        await OpenSslAsync(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        return certificates;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task OpenSslAsync(string directory, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(MosquittoBroker.Find("openssl"), args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "openssl " + string.Join(' ', args) + ": " + await error);
    }
}
