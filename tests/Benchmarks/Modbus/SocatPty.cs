using System.Diagnostics;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>A socat pty pair: an RS-485 line for the RTU figures.</summary>
internal sealed class SocatPty : IAsyncDisposable
{
    private readonly Process _socat;
    private readonly DirectoryInfo _directory;

    private SocatPty(Process socat, DirectoryInfo directory)
    {
        _socat = socat;
        _directory = directory;
    }

    public string ClientPath => Path.Combine(_directory.FullName, "a");

    public string ServerPath => Path.Combine(_directory.FullName, "b");

    public static async Task<SocatPty> OpenAsync()
    {
        var directory = Directory.CreateTempSubdirectory("chargenet-bench-pty");
        var info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory.FullName, "a")}");
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory.FullName, "b")}");
        var pty = new SocatPty(Process.Start(info) ?? throw new InvalidOperationException("socat did not start"), directory);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(pty.ClientPath) || !File.Exists(pty.ServerPath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("socat made no pty pair");
            }

            await Task.Delay(20);
        }

        return pty;
    }

    public async ValueTask DisposeAsync()
    {
        _socat.Kill();
        await _socat.WaitForExitAsync();
        _socat.Dispose();
        _directory.Delete(recursive: true);
    }
}
