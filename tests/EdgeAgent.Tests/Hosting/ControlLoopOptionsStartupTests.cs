using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Hosting;
using ChargeNet.EdgeAgent.Tests.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Hosting;

/// <summary>
/// A bad <c>ChargeNet:ControlLoop:*</c> value refuses start-up as Program.cs runs it: exit code 2, one line naming the
/// key, and nothing changed — the store not opened, the <c>--site-config</c> not imported (docs/control-loop-sessions.md, Session 15).
/// </summary>
public sealed class ControlLoopOptionsStartupTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("chargenet-loop-options-").FullName;
    private readonly string _siteFile = Path.Combine(Path.GetTempPath(), "chargenet-loop-options-" + Guid.NewGuid().ToString("N") + ".json");

    [Theory]
    [InlineData("Period", "00:00:00.1", "between 250 ms and 10 s")]
    [InlineData("ReadTimeout", "00:00:00", "more than 0")]
    [InlineData("WriteTimeout", "00:00:00", "more than 0")]
    [InlineData("WriteTimeout", "-00:00:02", "more than 0")]
    [InlineData("WriteTimeout", "60.00:00:00", "at most 60 s")]
    [InlineData("ReadTimeout", "00:02:00", "at most 60 s")]
    [InlineData("DecreaseAnswerWait", "00:00:00", "more than 0 and less than ChargeNet:ControlLoop:WriteTimeout")]
    [InlineData("DecreaseAnswerWait", "-00:00:01", "more than 0 and less than ChargeNet:ControlLoop:WriteTimeout")]
    [InlineData("DecreaseAnswerWait", "00:00:05", "more than 0 and less than ChargeNet:ControlLoop:WriteTimeout")]
    [InlineData("DecreaseAnswerWait", "00:00:08", "more than 0 and less than ChargeNet:ControlLoop:WriteTimeout")]
    [InlineData("VehicleResponseTime", "-00:00:01", "between 0 and 60 s")]
    [InlineData("VehicleResponseTime", "00:01:01", "between 0 and 60 s")]
    [InlineData("FreshReadingAge", "-00:00:01", "0 or more")]
    [InlineData("MissedReadHold", "-00:00:01", "0 or more")]
    [InlineData("MinChangeA", "-0.1", "between 0 and 0.5 A")]
    [InlineData("MinChangeA", "5", "between 0 and 0.5 A")]
    [InlineData("ChangeBandA", "NaN", "0 or more")]
    [InlineData("StepReserveShare", "1.5", "between 0 and 1")]
    [InlineData("StepReserveShare", "-0.1", "between 0 and 1")]
    [InlineData("StepReserveShare", "NaN", "between 0 and 1")]
    [InlineData("SessionStopOnRefusalRecord", "17", "between 0 (off) and 16")]
    [InlineData("SessionStopOnRefusalRecord", "-1", "between 0 (off) and 16")]
    [InlineData("LearnCarPhases", "maybe", "System.Boolean")]
    [InlineData("CountRefusingChargerOnce", "sometimes", "System.Boolean")]
    public async Task A_bad_value_refuses_start_up_with_one_line_naming_its_key_and_changes_nothing(string key, string value, string why)
    {
        var (exitCode, error) = await StartAsync(new() { ["ChargeNet:ControlLoop:" + key] = value });

        Assert.Equal(AgentStartup.ExitUsage, exitCode);
        var line = Assert.Single(error);
        Assert.Contains("ChargeNet:ControlLoop:" + key, line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDir));
    }

    [Fact]
    public async Task A_decrease_answer_wait_not_shorter_than_a_shortened_write_timeout_refuses_start_up()
    {
        var (exitCode, error) = await StartAsync(new()
        {
            ["ChargeNet:ControlLoop:WriteTimeout"] = "00:00:02",
            ["ChargeNet:ControlLoop:DecreaseAnswerWait"] = "00:00:03",
        });

        Assert.Equal(AgentStartup.ExitUsage, exitCode);
        var line = Assert.Single(error);
        Assert.StartsWith("chargenet-agent: ChargeNet:ControlLoop:DecreaseAnswerWait: 00:00:03 must be more than 0 and less than ChargeNet:ControlLoop:WriteTimeout (00:00:02)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDir));
    }

    [Fact]
    public async Task The_defaults_pass_and_each_switch_on_at_a_sound_value_too()
    {
        var (exitCode, error) = await StartAsync([]);

        Assert.Equal(AgentStartup.ExitOk, exitCode);
        Assert.Empty(error);
        var validator = new ControlLoopOptionsValidator();

        Assert.True(validator.Validate(null, new ControlLoopOptions()).Succeeded);
        Assert.True(validator.Validate(null, new ControlLoopOptions
        {
            WriteTimeout = TimeSpan.FromSeconds(2),
            DecreaseAnswerWait = TimeSpan.FromSeconds(1.5),
            StepReserveShare = 0.3,
            LearnCarPhases = true,
            CountRefusingChargerOnce = true,
            ChangeBandA = 0,
            MinChangeA = 0,
        }).Succeeded);
    }

    // Start-up as Program.cs runs it up to the options' check, with a valid --site-config that a start which went on
    // would import into the store.
    private async Task<(int ExitCode, string[] Error)> StartAsync(Dictionary<string, string?> settings)
    {
        await File.WriteAllTextAsync(_siteFile, SiteDocuments.ContractExample);
        var options = new AgentOptions { DataDir = _dataDir, SiteConfig = _siteFile, WebUrls = "http://127.0.0.1:0", OcppUrls = "http://127.0.0.1:0" };
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAgent(options);
        await using var app = builder.Build();
        using var error = new StringWriter();
        var exitCode = await app.CheckOptionsAsync(error) ? AgentStartup.ExitOk : AgentStartup.ExitUsage;
        return (exitCode, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
        File.Delete(_siteFile);
    }
}
