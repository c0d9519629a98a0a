using System.Diagnostics;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>
/// Two pseudo-terminals joined by socat: what one side writes, the other reads, byte for byte, as an
/// RS-485 line carries real RTU frames. A missing socat fails the test (test.sh installs it).
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    private readonly Process _socat;
    private readonly DirectoryInfo _directory;

    private PtyPair(Process socat, DirectoryInfo directory)
    {
        _socat = socat;
        _directory = directory;
    }

    /// <summary>The side our client opens.</summary>
    public string ClientPath => Path.Combine(_directory.FullName, "client");

    /// <summary>The side the peer server opens.</summary>
    public string ServerPath => Path.Combine(_directory.FullName, "server");

    public static async Task<PtyPair> OpenAsync()
    {
        var directory = Directory.CreateTempSubdirectory("chargenet-pty");
        var info = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory.FullName, "client")}");
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory.FullName, "server")}");
        Process socat;
        try
        {
            socat = Process.Start(info) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("socat is not installed: run ./test.sh (it installs it).", ex);
        }

        var pair = new PtyPair(socat, directory);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(pair.ClientPath) || !File.Exists(pair.ServerPath))
        {
            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                await pair.DisposeAsync();
                throw new InvalidOperationException("socat did not create the pty pair: " + await socat.StandardError.ReadToEndAsync());
            }

            await Task.Delay(20);
        }

        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                await _socat.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        finally
        {
            _socat.Dispose();
            _directory.Delete(recursive: true);
        }
    }
}
