using System.Diagnostics;
using ChargeNet.Integration.Tests.Foundation;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>
/// The linux-arm64 build a Raspberry Pi runs, run here under qemu-aarch64-static (Debian's
/// qemu-user-static, with the arm64 libraries from Debian's multiarch packages): it tells its
/// version, and its demo runs the control loop. test.sh publishes it with systemd/publish.sh and
/// names it in CHARGENET_ARM64_BUILD; without that the test publishes it itself.
/// </summary>
public sealed class Arm64EmulationTests(ITestOutputHelper output) : IDisposable
{
    // Emulation is slow (and the suite shares two cores): a plain ASP.NET app needs ~11 s to serve.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("chargenet-arm64-").FullName;
    private string? _publishedHere;

    [Fact]
    public async Task The_arm64_build_tells_its_version_and_runs_the_demo_control_loop_under_qemu()
    {
        var (build, temporary) = await Arm64Build.GetAsync();
        _publishedHere = temporary ? build : null;
        var agent = Path.Combine(build, "chargenet-agent");
        Assert.Equal(183, Arm64Build.ElfMachine(agent)); // EM_AARCH64: really an arm64 program

        var qemu = Command.Require("qemu-aarch64-static", "qemu-user-static");
        var native = await Command.RunAsync("dotnet", [BuiltArtifacts.AgentDll, "--version"], StartDeadline);
        var version = await Command.RunAsync(qemu, [agent, "--version"], StartDeadline, Arm64Build.Environment);
        Assert.True(version.ExitCode == 0, version.Transcript);
        Assert.Equal(native.Output, version.Output);

        var clock = Stopwatch.StartNew();
        await using var demo = ChildProcess.Start(qemu,
            [agent, "--demo", "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"],
            Arm64Build.Environment);
        var listening = await demo.WaitForLineAsync(l => l.Contains("listening on http://", StringComparison.Ordinal), StartDeadline);
        var served = clock.Elapsed;

        // The loop has read the simulated grid meter over Modbus and shared the current out.
        await demo.WaitForLineAsync(l => l.Contains("Grid L1", StringComparison.Ordinal) && l.Contains("allocated", StringComparison.Ordinal), StartDeadline);
        var looped = clock.Elapsed;
        var address = new Uri(listening[(listening.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim());
        using (var http = new HttpClient { Timeout = StartDeadline })
        {
            var ready = await http.GetAsync(new Uri(address, "/readyz"));
            Assert.True(ready.IsSuccessStatusCode, $"/readyz answered {(int)ready.StatusCode}:\n{demo.Transcript}");
        }

        await demo.TerminateAsync();
        var exitCode = await demo.WaitForExitAsync(StartDeadline);
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM:\n{demo.Transcript}");
        output.WriteLine($"arm64 under qemu: serving after {served.TotalSeconds:0.0} s, first control-loop status after {looped.TotalSeconds:0.0} s");
    }

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
        if (_publishedHere is not null)
        {
            Directory.Delete(_publishedHere, recursive: true);
        }
    }
}
