using System.Diagnostics;
using System.Text;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// A program run with <c>dotnet &lt;dll&gt;</c> as a child process, its output collected line by line
/// so a test can wait for a line, count lines, and show everything in its failure message.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Line)> _waiters = [];

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> StandardOutput
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToList();
            }
        }
    }

    public IReadOnlyList<string> StandardError
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToList();
            }
        }
    }

    /// <summary>Everything printed so far, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            var text = new StringBuilder();
            lock (_lock)
            {
                _stdout.ForEach(l => text.AppendLine("out: " + l));
                _stderr.ForEach(l => text.AppendLine("err: " + l));
            }

            return text.ToString();
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> with extra environment variables.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", args.Prepend(dll), environment);

    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/> and extra environment variables.</summary>
    public static ChildProcess Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The child must not inherit settings of the test run that change what it does.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CHARGENET_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._stdout);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._stderr);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a standard output line (already printed or still to come) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_stdout.FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            _waiters.Add((match, tcs));
        }

        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(tcs.Task, exited, Task.Delay(timeout));
        if (done == tcs.Task)
        {
            return await tcs.Task;
        }

        throw new TimeoutException((done == exited ? "The process exited" : $"No such line within {timeout.TotalSeconds} s") + ":\n" + Transcript);
    }

    /// <summary>Waits until the process has printed at least <paramref name="count"/> lines that <paramref name="match"/> accepts.</summary>
    public Task WaitForLineCountAsync(Func<string, bool> match, int count, TimeSpan timeout)
    {
        var seen = 0;
        return WaitForLineAsync(line => match(line) && ++seen >= count, timeout);
    }

    /// <summary>SIGKILL: the process gets no chance to flush or clean up.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as systemd stops a service.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit, and for all of its output to be read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The process did not exit within {timeout.TotalSeconds} s:\n" + Transcript);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void OnLine(string? line, List<string> into)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            into.Add(line);
            if (!ReferenceEquals(into, _stdout))
            {
                return;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Line.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
