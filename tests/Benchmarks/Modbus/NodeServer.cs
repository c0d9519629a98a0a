using System.Diagnostics;
using System.Text.Json;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>Runs tests/peers/modbus/server.js (modbus-serial) in its own process.</summary>
internal sealed class NodeServer : IDisposable
{
    private readonly Process _process;

    private NodeServer(Process process)
    {
        _process = process;
    }

    public static async Task<(NodeServer Server, int Port)> StartAsync()
    {
        var (server, ready) = await StartAsync(["tcp"]);
        return (server, ready.GetProperty("port").GetInt32());
    }

    /// <summary>The modbus-serial RTU server on <paramref name="path"/> (one side of a pty pair).</summary>
    public static async Task<NodeServer> StartRtuAsync(string path, int baudRate) =>
        (await StartAsync(["rtu", path, baudRate.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Server;

    private static async Task<(NodeServer Server, JsonElement Ready)> StartAsync(string[] arguments)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
        {
            dir = dir.Parent;
        }

        var peers = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ChargeNet.sln not found"), "tests", "peers");
        var info = new ProcessStartInfo("node") { WorkingDirectory = peers, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("modbus/server.js");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20))
            ?? throw new InvalidOperationException("the peer printed nothing (run npm ci in tests/peers)");
        using var ready = JsonDocument.Parse(line["READY ".Length..]);
        return (new NodeServer(process), ready.RootElement.Clone());
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
