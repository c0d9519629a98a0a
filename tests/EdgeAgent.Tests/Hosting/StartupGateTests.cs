using System.Collections;
using ChargeNet.EdgeAgent.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Hosting;

public sealed class StartupGateTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-gate-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Theory]
    [InlineData("--log-level|loud", "--log-level", "loud")]
    [InlineData("--site-config|/nowhere/site.json", "--site-config", "/nowhere/site.json")]
    [InlineData("--web-urls|ftp://127.0.0.1:21", "--web-urls", "ftp://127.0.0.1:21")]
    [InlineData("--ocpp-urls|http://127.0.0.1", "--ocpp-urls", "no port")]
    [InlineData("--web-urls|not a url", "--web-urls", "not a url")]
    [InlineData("--volume|11", "--volume", "unknown option")]
    public void A_bad_option_exits_with_code_2_and_one_line_naming_it(string args, string option, string why)
    {
        var (options, exitCode) = Check([.. args.Split('|'), "--data-dir", _dataDir]);

        Assert.Null(options);
        Assert.Equal(2, exitCode);
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("chargenet-agent: " + option, line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void A_bad_value_in_the_environment_exits_with_code_2_and_one_line_naming_the_variable()
    {
        var (options, exitCode) = Check(["--data-dir", _dataDir], new Hashtable { ["CHARGENET_DEMO"] = "maybe" });

        Assert.Null(options);
        Assert.Equal(2, exitCode);
        var line = Assert.Single(ErrorLines);
        Assert.Contains("CHARGENET_DEMO", line, StringComparison.Ordinal);
        Assert.Contains("maybe", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_options_and_exits_0()
    {
        var (options, exitCode) = Check(["--help"]);

        Assert.Null(options);
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--demo", "--data-dir", "--site-config", "--web-urls", "--ocpp-urls", "--log-level", "--version", "--help", "CHARGENET_DATA_DIR" })
        {
            Assert.Contains(option, _output.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(ErrorLines);
    }

    [Fact]
    public void Version_prints_the_version_of_the_build_and_exits_0()
    {
        var (options, exitCode) = Check(["--version"]);

        Assert.Null(options);
        Assert.Equal(0, exitCode);
        Assert.Equal("chargenet-agent 0.1.0", _output.ToString().Trim()); // Directory.Build.props: <Version>0.1.0</Version>
    }

    [Fact]
    public void Environment_variables_are_read_and_the_command_line_overrides_them()
    {
        var environment = new Hashtable
        {
            ["CHARGENET_DATA_DIR"] = _dataDir,
            ["CHARGENET_WEB_URLS"] = "http://127.0.0.1:8181",
            ["CHARGENET_OCPP_URLS"] = "http://127.0.0.1:9191",
            ["CHARGENET_LOG_LEVEL"] = "warning",
            ["CHARGENET_DEMO"] = "true",
        };

        var (fromEnvironment, _) = Check([], environment);
        var (overridden, exitCode) = Check(["--web-urls", "http://127.0.0.1:8282", "--log-level=debug", "--demo=false"], environment);

        Assert.NotNull(fromEnvironment);
        Assert.Equal(_dataDir, fromEnvironment.DataDir);
        Assert.Equal("http://127.0.0.1:8181", fromEnvironment.WebUrls);
        Assert.Equal("http://127.0.0.1:9191", fromEnvironment.OcppUrls);
        Assert.Equal("warning", fromEnvironment.LogLevel);
        Assert.True(fromEnvironment.Demo);

        Assert.Equal(0, exitCode);
        Assert.NotNull(overridden);
        Assert.Equal(_dataDir, overridden.DataDir);
        Assert.Equal("http://127.0.0.1:8282", overridden.WebUrls);
        Assert.Equal("http://127.0.0.1:9191", overridden.OcppUrls);
        Assert.Equal("debug", overridden.LogLevel);
        Assert.False(overridden.Demo);
    }

    [Fact]
    public void The_environment_overrides_appsettings()
    {
        var appsettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChargeNet:WebUrls"] = "http://0.0.0.0:8080",
            ["ChargeNet:LogLevel"] = "Information",
        }).Build();

        var (options, _) = StartupGate.Check(
            CommandLine.Parse(["--data-dir", _dataDir]), appsettings, new Hashtable { ["CHARGENET_WEB_URLS"] = "http://127.0.0.1:8383" }, false, _output, _error);

        Assert.NotNull(options);
        Assert.Equal("http://127.0.0.1:8383", options.WebUrls);
        Assert.Equal("Information", options.LogLevel);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    private string[] ErrorLines => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private (AgentOptions? Options, int ExitCode) Check(string[] args, Hashtable? environment = null) =>
        StartupGate.Check(CommandLine.Parse(args), new ConfigurationBuilder().Build(), environment ?? new Hashtable(), false, _output, _error);
}
