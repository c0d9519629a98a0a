namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>The built daemon refuses what it cannot run with: exit code 2 and one line per problem on stderr.</summary>
public sealed class AgentRefusalTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-refusal-" + Guid.NewGuid().ToString("N"));

    public AgentRefusalTests()
    {
        Directory.CreateDirectory(_dataDir);
    }

    [Fact]
    public async Task An_invalid_site_config_exits_with_code_2_and_one_line_per_problem_with_its_json_path()
    {
        var file = Path.Combine(_dataDir, "bad.json");
        await File.WriteAllTextAsync(file, """
            {
              "siteId": "bad-site",
              "grid": { "maxCurrentA": 100, "fallbackCurrentA": 150 },
              "circuits": [ { "id": "main", "maxCurrentA": 100 }, { "id": "main", "maxCurrentA": 50 } ],
              "chargers": [ { "id": "CP1", "protocol": "ocpp1.6", "circuit": "nowhere" },
                            { "id": "CP2", "protocol": "ocpp1.6", "circuit": "main", "phases": 2 } ]
            }
            """);
        await using var agent = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
            ["--site-config", file, "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"]);

        var exitCode = await agent.WaitForExitAsync(ExitTimeout);

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{agent.Transcript}");
        var lines = agent.StandardError;
        Assert.All(lines, l => Assert.StartsWith(file + ": $.", l, StringComparison.Ordinal));
        var paths = lines.Select(l => l[(file.Length + 2)..l.IndexOf(": ", file.Length + 2, StringComparison.Ordinal)]).Distinct().Order();
        Assert.Equal(["$.chargers[0].circuit", "$.chargers[1].phases", "$.circuits[1].id", "$.grid.fallbackCurrentA"], paths);
        Assert.DoesNotContain(agent.StandardOutput, l => l.Contains("listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_option_exits_with_code_2_and_one_line_naming_it()
    {
        await using var agent = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll, ["--data-dir", _dataDir, "--log-level", "loud"]);

        var exitCode = await agent.WaitForExitAsync(ExitTimeout);

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{agent.Transcript}");
        var line = Assert.Single(agent.StandardError);
        Assert.StartsWith("chargenet-agent: --log-level", line, StringComparison.Ordinal);
        Assert.Contains("loud", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_one_line_and_exits_0()
    {
        await using var agent = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll, ["--version"]);

        var exitCode = await agent.WaitForExitAsync(ExitTimeout);

        Assert.Equal(0, exitCode);
        Assert.Equal(["chargenet-agent 0.1.0"], agent.StandardOutput);
        Assert.Empty(agent.StandardError);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
