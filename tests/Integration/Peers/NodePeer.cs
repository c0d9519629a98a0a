using System.Diagnostics;
using System.Text;

namespace ChargeNet.Integration.Tests.Peers;

/// <summary>
/// A protocol peer written in Node.js under <c>tests/peers</c>, run as a child process. The script
/// prints one line <c>READY {json}</c> when it listens (the JSON says where); every other line of
/// its output is kept for the test's failure message. A missing node or peer fails the test: it
/// never skips (test.sh installs them).
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Prefix, TaskCompletionSource<string> Line)> _waiters = [];
    private int _nextCommandId;

    private NodePeer(Process process)
    {
        _process = process;
    }

    /// <summary>The JSON that followed READY.</summary>
    public string ReadyInfo { get; private set; } = "";

    /// <summary>Everything the peer printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string PeersDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? throw new InvalidOperationException("ChargeNet.sln not found above " + AppContext.BaseDirectory)
                : Path.Combine(dir.FullName, "tests", "peers");
        }
    }

    /// <summary>Starts <c>node tests/peers/{script} {args}</c> and waits for its READY line.</summary>
    public static async Task<NodePeer> StartAsync(string script, IEnumerable<string> args, TimeSpan? readyTimeout = null)
    {
        var peers = PeersDirectory;
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            throw new InvalidOperationException($"The npm peers are not installed in {peers}: run ./test.sh (it runs npm ci there).");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new NodePeer(process);
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        process.Exited += (_, _) => peer._ready.TrySetException(new InvalidOperationException("The peer exited before it was ready:\n" + peer.Output));
        if (!process.Start())
        {
            throw new InvalidOperationException("node could not be started");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            peer.ReadyInfo = await peer._ready.Task.WaitAsync(readyTimeout ?? TimeSpan.FromSeconds(20));
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>Waits for the next output line that starts with <paramref name="prefix"/>; returns the rest of it.</summary>
    public Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((prefix, tcs));
        }

        return tcs.Task.WaitAsync(timeout);
    }

    /// <summary>
    /// Runs one command of a peer that takes JSON commands with an <c>id</c> and answers each with a
    /// line <c>RESULT {id} {json}</c>; returns that JSON.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> CommandAsync(System.Text.Json.Nodes.JsonObject command, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextCommandId);
        command["id"] = id;
        var line = WaitForLineAsync($"RESULT {id} ", timeout);
        await SendLineAsync(command.ToJsonString());
        return System.Text.Json.JsonDocument.Parse(await line).RootElement.Clone();
    }

    /// <summary>Writes one line to the peer's standard input (for scripts that take commands).</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("READY", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line.Length > 6 ? line[6..] : "");
        }

        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (line.StartsWith(_waiters[i].Prefix, StringComparison.Ordinal))
                {
                    _waiters[i].Line.TrySetResult(line[_waiters[i].Prefix.Length..]);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
