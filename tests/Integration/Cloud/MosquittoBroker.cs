using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A real Debian mosquitto on a loopback port with its own config file; can be stopped and started
/// again on the same port. A missing mosquitto fails the test (test.sh installs it). Shared with the
/// cloud benchmark (tests/Benchmarks), so it needs no test framework.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mosquitto-").FullName;
    private readonly string? _passwordFile;
    private readonly IReadOnlyList<string>? _acl;
    private readonly TestCertificates? _tls;
    private readonly bool _requireClientCertificate;
    private Process? _process;

    private MosquittoBroker(int port, string? passwordFile, TestCertificates? tls, bool requireClientCertificate, IReadOnlyList<string>? acl = null)
    {
        _acl = acl;
        Port = port;
        _passwordFile = passwordFile;
        _tls = tls;
        _requireClientCertificate = requireClientCertificate;
    }

    public int Port { get; }

    /// <param name="requireClientCertificate">With <paramref name="tls"/>: only clients with a certificate signed by its CA get in (mosquitto's <c>require_certificate</c>).</param>
    public static async Task<MosquittoBroker> StartAsync(string? passwordFile = null, TestCertificates? tls = null, bool requireClientCertificate = false)
    {
        var broker = new MosquittoBroker(FreePort(), passwordFile, tls, requireClientCertificate);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>A broker with an access list (mosquitto's <c>acl_file</c> lines, e.g. <c>topic deny a/b</c>) for every client.</summary>
    public static async Task<MosquittoBroker> StartWithAclAsync(params string[] acl)
    {
        var broker = new MosquittoBroker(FreePort(), null, null, false, acl);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>A password file with one user, made by mosquitto_passwd.</summary>
    public static async Task<string> MakePasswordFileAsync(string user, string password)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mosquitto-pw-").FullName, "passwd");
        using var process = Process.Start(new ProcessStartInfo(Find("mosquitto_passwd"), ["-b", "-c", file, user, password]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("mosquitto_passwd failed: " + await process.StandardError.ReadToEndAsync());
        }

        return file;
    }

    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        var lines = new List<string> { $"listener {Port} 127.0.0.1", "persistence true", $"persistence_location {_directory}/", "autosave_interval 0", "log_dest none", "user " + Environment.UserName };
        lines.Add(_passwordFile is null ? "allow_anonymous true" : "allow_anonymous false");
        if (_passwordFile is not null)
        {
            lines.Add("password_file " + _passwordFile);
        }

        if (_tls is not null)
        {
            lines.AddRange(["cafile " + _tls.CaFile, "certfile " + _tls.ServerCertFile, "keyfile " + _tls.ServerKeyFile]);
            lines.Add("require_certificate " + (_requireClientCertificate ? "true" : "false"));
        }

        if (_acl is not null)
        {
            var aclFile = Path.Combine(_directory, "acl");
            await File.WriteAllLinesAsync(aclFile, _acl);
            lines.Add("acl_file " + aclFile);
        }

        await File.WriteAllLinesAsync(config, lines);
        _process = Process.Start(new ProcessStartInfo(Find("mosquitto"), ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>
    /// Stops the broker: by default killed (it keeps nothing); <paramref name="graceful"/> stops it as a
    /// service is stopped (SIGTERM), and it saves its sessions and retained messages for the next start.
    /// </summary>
    public async Task StopAsync(bool graceful = false)
    {
        if (_process is { HasExited: false } process)
        {
            if (graceful)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
            }
            else
            {
                process.Kill();
                File.Delete(Path.Combine(_directory, "mosquitto.db"));
            }

            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    internal static string Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not installed (test.sh installs the Debian package mosquitto); these tests need a real broker");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
