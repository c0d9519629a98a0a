using ChargeNet.EdgeAgent.Hosting;

namespace ChargeNet.EdgeAgent.Tests.Hosting;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--data-dir", "/srv/chargenet")]
    [InlineData("--data-dir=/srv/chargenet")]
    public void A_value_is_read_after_a_space_or_an_equals_sign(params string[] args)
    {
        var line = CommandLine.Parse(args);

        Assert.Null(line.Error);
        Assert.Equal("/srv/chargenet", line.Values["ChargeNet:DataDir"]);
    }

    [Fact]
    public void Several_options_and_a_flag_are_read_together()
    {
        var line = CommandLine.Parse(["--demo", "--web-urls", "http://127.0.0.1:8081", "--log-level=debug", "--site-config", "site.json"]);

        Assert.Null(line.Error);
        Assert.Equal("true", line.Values["ChargeNet:Demo"]);
        Assert.Equal("http://127.0.0.1:8081", line.Values["ChargeNet:WebUrls"]);
        Assert.Equal("debug", line.Values["ChargeNet:LogLevel"]);
        Assert.Equal("site.json", line.Values["ChargeNet:SiteConfig"]);
        Assert.False(line.ShowHelp);
        Assert.False(line.ShowVersion);
    }

    [Fact]
    public void A_flag_takes_true_or_false_after_an_equals_sign()
    {
        Assert.Equal("false", CommandLine.Parse(["--demo=false"]).Values["ChargeNet:Demo"]);
        var bad = CommandLine.Parse(["--demo=maybe"]);
        Assert.NotNull(bad.Error);
        Assert.StartsWith("--demo:", bad.Error, StringComparison.Ordinal);
        Assert.Contains("maybe", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--colour", "--colour: unknown option")]
    [InlineData("--colour=red", "--colour: unknown option")]
    [InlineData("--data-dir", "--data-dir: needs a value")]
    [InlineData("--data-dir|--demo", "--data-dir: needs a value")]
    [InlineData("--data-dir=", "--data-dir: the value is empty")]
    [InlineData("stray", "unexpected argument 'stray'")]
    [InlineData("--", "unexpected argument '--'")]
    public void A_bad_argument_gives_one_line_naming_it_and_why(string args, string expectedStart)
    {
        var line = CommandLine.Parse(args.Split('|'));

        Assert.NotNull(line.Error);
        Assert.StartsWith(expectedStart, line.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.Error);
    }

    [Fact]
    public void Help_and_version_are_seen()
    {
        Assert.True(CommandLine.Parse(["--help"]).ShowHelp);
        Assert.True(CommandLine.Parse(["-h"]).ShowHelp);
        Assert.True(CommandLine.Parse(["--version"]).ShowVersion);
    }

    [Fact]
    public void Health_check_takes_an_http_url()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/healthz"), CommandLine.Parse(["--health-check", "http://127.0.0.1:8080/healthz"]).HealthCheckUrl);
        Assert.StartsWith("--health-check:", CommandLine.Parse(["--health-check"]).Error, StringComparison.Ordinal);
        Assert.StartsWith("--health-check:", CommandLine.Parse(["--health-check", "ftp://127.0.0.1/x"]).Error, StringComparison.Ordinal);
        Assert.Null(CommandLine.Parse(["--demo"]).HealthCheckUrl);
    }
}
