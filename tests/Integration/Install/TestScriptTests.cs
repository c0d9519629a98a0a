using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>
/// test.sh itself (issue 14, item 16), run from a throwaway copy whose programs are stubs first on PATH
/// (dotnet writes a result file with one test not run; node reports the version it is told): a Node older
/// than 20 stops it with a clear message, every test run has a hang timeout, and under CI=true a skipped
/// test fails the run.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestScriptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("chargenet-testsh-").FullName;

    public TestScriptTests()
    {
        File.Copy(Path.Combine(BuiltArtifacts.RepositoryRoot, "test.sh"), Path.Combine(_dir, "test.sh"));
        foreach (var program in new[] { "socat", "mosquitto", "npm", "chromium", "openssl", "systemd-analyze", "useradd", "qemu-aarch64-static", "apt-get", "sudo" })
        {
            Stub(program, "exit 0");
        }

        Stub("dpkg-query", "for _ in 1 2 3 4; do echo 'install ok installed'; done");
        Stub("node", """[ "$1" = --version ] && echo "v$STUB_NODE_MAJOR.0.0" || echo "$STUB_NODE_MAJOR" """);
        Stub("apt-cache", """echo "  Candidate: $STUB_NODE_MAJOR.0.0-1" """);
        Stub("dotnet", """
            echo "dotnet $*" >> "$STUB_LOG"
            [ "$1" = test ] || exit 0
            while [ $# -gt 0 ]; do [ "$1" = --results-directory ] && dir=$2; shift; done
            echo '<TestRun><ResultSummary><Counters total="3" executed="2" passed="2" failed="0" /></ResultSummary></TestRun>' > "$dir/run.trx"
            """);
        Stub("../systemd/publish.sh", "exit 0");
    }

    private string Log => Path.Combine(_dir, "stub.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Under_CI_a_skipped_test_fails_the_run_and_every_test_run_has_a_hang_timeout()
    {
        var local = await RunAsync(nodeMajor: 20, ci: "");
        Assert.True(local.ExitCode == 0, local.Transcript);
        Assert.Contains("2 passed, 0 failed, 1 skipped", local.Output, StringComparison.Ordinal);

        var onCi = await RunAsync(nodeMajor: 20, ci: "true");
        Assert.True(onCi.ExitCode != 0, onCi.Transcript);
        Assert.Contains("CI=true: 1 tests were skipped", onCi.Error, StringComparison.Ordinal);

        var runs = File.ReadAllLines(Log).Where(l => l.StartsWith("dotnet test ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Contains("--blame-hang-timeout 5min", run, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Node_older_than_20_stops_the_run_with_a_clear_message_before_anything_is_built()
    {
        var run = await RunAsync(nodeMajor: 18, ci: "true");

        Assert.True(run.ExitCode != 0, run.Transcript);
        Assert.Contains("Node.js 20 or newer is needed for the npm test peers", run.Error, StringComparison.Ordinal);
        Assert.Contains("found v18.0.0", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Log), "dotnet ran: " + (File.Exists(Log) ? File.ReadAllText(Log) : ""));
    }

    private Task<Command> RunAsync(int nodeMajor, string ci) => Command.RunAsync("/bin/bash", [Path.Combine(_dir, "test.sh")], Timeout, new Dictionary<string, string>
    {
        ["PATH"] = Path.Combine(_dir, "bin") + ":/usr/bin:/bin",
        ["STUB_LOG"] = Log,
        ["STUB_NODE_MAJOR"] = nodeMajor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CI"] = ci,
    });

    /// <summary>A program in the copy's bin/ (or, by a relative name, beside test.sh) that runs <paramref name="body"/>.</summary>
    private void Stub(string name, string body)
    {
        var path = Path.GetFullPath(Path.Combine(_dir, "bin", name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
