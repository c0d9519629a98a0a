using System.Text.Json;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// docs/security.md, through a real mosquitto: what a command from the cloud may not do. It may lower a
/// limit and raise it back to the value set locally, never above; an old command is not run late; an
/// answer goes only under the site's prefix.
/// </summary>
public sealed class CloudCommandReachTests : IAsyncLifetime
{
    private const string Site = "site-reach";
    private const string Results = $"chargenet/v1/{Site}/cmd-result";

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site, new CloudSiteOptions { Observe = "#" });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_cloud_command_lowers_the_site_limit_and_raises_it_back_to_the_local_value_but_never_above()
    {
        var local = _site.Harness.Configuration.Current!.Site.Grid.MaxCurrentA;

        var tooHigh = await CommandAsync("set-site-limit", $$"""{"id":"r-1","maxCurrentA":10000}""");
        Assert.False(tooHigh.GetProperty("ok").GetBoolean());
        Assert.Contains("$.grid.maxCurrentA", tooHigh.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(local, _site.Harness.Configuration.Current!.Site.Grid.MaxCurrentA);

        var lower = await CommandAsync("set-site-limit", $$"""{"id":"r-2","maxCurrentA":{{local - 30}}}""");
        Assert.True(lower.GetProperty("ok").GetBoolean(), lower.ToString());
        Assert.Equal(local - 30, _site.Harness.Configuration.Current!.Site.Grid.MaxCurrentA);

        var back = await CommandAsync("set-site-limit", $$"""{"id":"r-3","maxCurrentA":{{local}}}""");
        Assert.True(back.GetProperty("ok").GetBoolean(), back.ToString());

        var above = await CommandAsync("set-site-limit", $$"""{"id":"r-4","maxCurrentA":{{local + 1}}}""");
        Assert.False(above.GetProperty("ok").GetBoolean());
        Assert.Contains($"above {local} A, the value last set locally", above.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(local, _site.Harness.Configuration.Current!.Site.Grid.MaxCurrentA);
    }

    [Fact]
    public async Task A_set_config_raising_a_charger_or_circuit_limit_above_the_local_value_is_refused_naming_each_field()
    {
        var before = _site.Harness.Configuration.Current!;
        var site = before.Site with
        {
            Chargers = [before.Site.Chargers[0] with { MaxCurrentA = before.Site.Chargers[0].MaxCurrentA + 4 }, .. before.Site.Chargers.Skip(1)],
            Circuits = [before.Site.Circuits[0], before.Site.Circuits[1] with { MaxCurrentA = before.Site.Circuits[1].MaxCurrentA + 5 }, .. before.Site.Circuits.Skip(2)],
        };
        var config = EdgeAgent.Configuration.SiteConfigurationReader.Write(EdgeAgent.Configuration.SecretRedactor.WithoutSecrets(site)); // as get-config gives it

        var reply = await CommandAsync("set-config", $$"""{"id":"r-5","config":{{config}}}""");

        Assert.False(reply.GetProperty("ok").GetBoolean());
        var error = reply.GetProperty("error").GetString();
        Assert.Contains("$.chargers[0].maxCurrentA", error, StringComparison.Ordinal);
        Assert.Contains("$.circuits[1].maxCurrentA", error, StringComparison.Ordinal);
        Assert.Same(before, _site.Harness.Configuration.Current);
    }

    [Fact]
    public async Task A_command_older_than_commandMaxAgeS_is_refused_as_expired_and_not_run()
    {
        var before = _site.Harness.Configuration.Current!;
        var old = DateTimeOffset.UtcNow.AddSeconds(-301).ToString("O");

        var reply = await CommandAsync("set-site-limit", $$"""{"id":"r-6","maxCurrentA":40,"ts":"{{old}}"}""");

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.StartsWith("expired:", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Same(before, _site.Harness.Configuration.Current);

        var fresh = await CommandAsync("set-site-limit", $$"""{"id":"r-7","maxCurrentA":40,"ts":"{{DateTimeOffset.UtcNow:O}}"}""");
        Assert.True(fresh.GetProperty("ok").GetBoolean(), fresh.ToString());
    }

    [Theory]
    [InlineData("elsewhere/replies")]
    [InlineData("chargenet/v1/other-site/replies")]
    [InlineData($"chargenet/v1/{Site}/cmd/set-config")]
    [InlineData($"chargenet/v1/{Site}/status")]
    public async Task A_response_topic_outside_the_sites_prefix_is_refused_on_cmd_result_and_nothing_is_sent_there(string topic)
    {
        var before = _site.Harness.Configuration.Current!;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"r-8","maxCurrentA":40}""", topic, [1, 2]);
        var reply = (await _site.Cloud.WaitForAsync(m => m.Any(x => x.Topic == Results), what: "the refusal")).Single(x => x.Topic == Results).Json;

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal("r-8", reply.GetProperty("id").GetString());
        Assert.Contains("response topic", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_site.Cloud.Messages, m => m.Topic == topic && m.Payload.Contains("r-8", StringComparison.Ordinal));
        Assert.Same(before, _site.Harness.Configuration.Current);
    }

    private async Task<JsonElement> CommandAsync(string name, string payload)
    {
        var seen = _site.Cloud.On(Results).Count;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/{name}", payload);
        var results = await _site.Cloud.WaitForAsync(_ => _site.Cloud.On(Results).Count > seen, what: "the answer to " + name);
        return results.Where(x => x.Topic == Results).Skip(seen).First().Json;
    }
}
