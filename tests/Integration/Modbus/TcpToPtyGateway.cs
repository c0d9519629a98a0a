using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>An RTU-over-TCP gateway made of socat: a TCP port on one side, a serial line (pty) on the other.</summary>
public sealed class TcpToPtyGateway : IAsyncDisposable
{
    private readonly Process _socat;

    private TcpToPtyGateway(Process socat, int port)
    {
        _socat = socat;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TcpToPtyGateway> StartAsync(string ptyPath)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add($"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr");
        info.ArgumentList.Add($"FILE:{ptyPath},raw,echo=0");
        var socat = Process.Start(info) ?? throw new InvalidOperationException("socat did not start");
        var gateway = new TcpToPtyGateway(socat, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            // socat serves one connection and exits, so only wait until it listens.
            if (IsListening(port))
            {
                return gateway;
            }

            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                await gateway.DisposeAsync();
                throw new InvalidOperationException("socat gateway did not listen");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            await _socat.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        _socat.Dispose();
    }

    private static bool IsListening(int port) =>
        System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == port);

}
