using System.Text;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>Commands from a real mosquitto: answered on the response topic or on cmd-result, once per id, bad ones refused.</summary>
public sealed class CloudCommandTests : IAsyncLifetime
{
    private const string Site = "site-cmd";

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Get_config_answers_on_the_response_topic_with_the_correlation_data_and_no_secrets()
    {
        const string replies = $"chargenet/v1/{Site}/replies/ops";
        await using var operations = await CloudObserver.ConnectAsync(_site.Broker.Port, replies);
        var correlation = Encoding.UTF8.GetBytes("corr-1");
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/get-config", """{"id":"c-1"}""", replies, correlation);
        var reply = (await operations.WaitForAsync(m => m.Any(x => x.Topic == replies), what: "the reply")).Single(x => x.Topic == replies);

        Assert.Equal(correlation, reply.CorrelationData);
        var json = reply.Json;
        Assert.Equal("c-1", json.GetProperty("id").GetString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(Site, json.GetProperty("result").GetProperty("config").GetProperty("siteId").GetString());
        Assert.DoesNotContain("\"password\":\"", reply.Payload, StringComparison.Ordinal);
        Assert.Empty(_site.Cloud.On($"chargenet/v1/{Site}/cmd-result"));
    }

    [Fact]
    public async Task Set_site_limit_without_a_response_topic_answers_on_cmd_result_and_a_repeated_id_runs_once()
    {
        var before = _site.Harness.Configuration.Current!.Revision;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"lim-1","maxCurrentA":63}""");
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"lim-1","maxCurrentA":63}""");
        var results = await _site.Cloud.WaitForAsync(m => m.Count(x => x.Topic.EndsWith("/cmd-result", StringComparison.Ordinal)) >= 2, what: "two answers");

        var answers = results.Where(x => x.Topic == $"chargenet/v1/{Site}/cmd-result").Select(x => x.Payload).ToList();
        Assert.Equal(answers[0], answers[1]);
        var first = JsonDocument.Parse(answers[0]).RootElement;
        Assert.True(first.GetProperty("ok").GetBoolean(), answers[0]);
        Assert.Equal(before + 1, first.GetProperty("result").GetProperty("revision").GetInt32());
        Assert.Equal(63, _site.Harness.Configuration.Current!.Site.Grid.MaxCurrentA);
        Assert.Equal(before + 1, _site.Harness.Configuration.Current.Revision);
    }

    [Theory]
    [InlineData("set-site-limit", "{not json", null, "not valid JSON")]
    [InlineData("set-site-limit", """{"maxCurrentA":50}""", null, "'id' is required")]
    [InlineData("set-site-limit", """{"id":"b-3","maxCurrentA":"lots"}""", "b-3", "'maxCurrentA' is required")]
    [InlineData("make-coffee", """{"id":"b-4"}""", "b-4", "unknown command 'make-coffee'")]
    [InlineData("set-config", """{"id":"b-5","config":{"siteId":"x","grid":{"phases":7}}}""", "b-5", "configuration refused")]
    public async Task A_bad_command_gets_an_error_result_and_changes_nothing(string name, string payload, string? id, string error)
    {
        var before = _site.Harness.Configuration.Current!;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/{name}", payload);
        var reply = (await _site.Cloud.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/cmd-result", StringComparison.Ordinal)), what: "the error result"))
            .Single(x => x.Topic.EndsWith("/cmd-result", StringComparison.Ordinal)).Json;

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal(id, reply.GetProperty("id").GetString());
        Assert.Contains(error, reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Same(before, _site.Harness.Configuration.Current);
    }
}
