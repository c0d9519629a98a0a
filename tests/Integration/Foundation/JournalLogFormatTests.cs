using System.Text.RegularExpressions;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// The daemon logs in the journal's format ("&lt;6&gt;" info, "&lt;4&gt;" warning, one line each) when systemd
/// connects its output to the journal, and in the plain console format otherwise.
/// </summary>
public sealed partial class JournalLogFormatTests : IDisposable
{
    // Generous: the suite starts several daemons at once on two shared cores.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("chargenet-journal-").FullName;

    public enum Output
    {
        Journal,
        Console,
        InheritedJournalVariable,
    }

    [Theory]
    [InlineData(Output.Journal)]
    [InlineData(Output.Console)]
    [InlineData(Output.InheritedJournalVariable)]
    public async Task Log_lines_carry_journal_priorities_only_when_the_output_goes_to_the_journal(Output output)
    {
        // systemd sets JOURNAL_STREAM to the device:inode of the journal's stream: here the pipe the test
        // reads, as stat shows it to the shell that then becomes the daemon. An inherited variable names
        // some other stream.
        var journalStream = output switch
        {
            Output.Journal => "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/$$/fd/1) INVOCATION_ID=0f3a5c2e9b7d4e21a1c3d5e7f9b1a2c4 ",
            Output.InheritedJournalVariable => "JOURNAL_STREAM=8:1 INVOCATION_ID=0f3a5c2e9b7d4e21a1c3d5e7f9b1a2c4 ",
            _ => "",
        };
        await using var agent = ChildProcess.Start("bash",
        [
            "-c", journalStream + "exec dotnet \"$@\"", "bash", BuiltArtifacts.AgentDll,
            "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0",
        ]);

        // Without an admin password the daemon warns at start; "Application started" is information.
        var warning = await agent.WaitForLineAsync(l => l.Contains("No admin password is set", StringComparison.Ordinal), Timeout);
        await agent.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), Timeout);
        await agent.TerminateAsync();
        await agent.WaitForExitAsync(Timeout);
        var lines = agent.StandardOutput;

        if (output == Output.Journal)
        {
            Assert.StartsWith("<4>ChargeNet.EdgeAgent.Web.Auth.AdminAccount", warning, StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("<6>Microsoft.Hosting.Lifetime", StringComparison.Ordinal) && l.Contains("Application started", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("info:", StringComparison.Ordinal) || l.StartsWith("warn:", StringComparison.Ordinal));
        }
        else
        {
            var index = lines.ToList().IndexOf(warning);
            Assert.True(index > 0 && lines[index - 1].StartsWith("warn: ChargeNet.EdgeAgent.Web.Auth.AdminAccount", StringComparison.Ordinal), agent.Transcript);
            Assert.Contains(lines, l => l.StartsWith("info: Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => Priority().IsMatch(l));
        }
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [GeneratedRegex(@"^<\d>")]
    private static partial Regex Priority();
}
