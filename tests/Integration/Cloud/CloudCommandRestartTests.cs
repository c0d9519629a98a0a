namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>A command delivered again after the daemon restarted (same store file) is answered, not carried out twice.</summary>
public sealed class CloudCommandRestartTests : IDisposable
{
    private const string Site = "site-cmd-restart";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-cmd-restart-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task A_command_id_carried_out_before_a_restart_is_answered_again_from_the_store_and_not_run_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/cmd-result");
        const string Command = """{"id":"lim-restart-1","maxCurrentA":61}""";

        var first = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, broker.Port));
        await first.WaitConnectedAsync();
        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", Command);
        var answer = (await cloud.WaitForAsync(m => m.Count >= 1, what: "the first answer"))[0];
        Assert.True(answer.Json.GetProperty("ok").GetBoolean(), answer.Payload);
        var revision = first.Configuration.Current!.Revision;
        await first.DisposeAsync();

        // A new process over the same store; meanwhile someone set another limit locally.
        await using var second = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, broker.Port) is var s ? s with { Grid = s.Grid with { MaxCurrentA = 70 } } : null!);
        await second.WaitConnectedAsync();
        var before = second.Configuration.Current!;
        Assert.True(before.Revision > revision);
        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", Command);
        var again = (await cloud.WaitForAsync(m => m.Count >= 2, what: "the answer to the repeat"))[1];

        Assert.Equal(answer.Payload, again.Payload);
        Assert.Same(before, second.Configuration.Current);
        Assert.Equal(70, second.Configuration.Current!.Site.Grid.MaxCurrentA);
    }

    [Fact]
    public async Task A_command_begun_but_not_finished_before_a_restart_is_not_run_again_and_says_so()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/cmd-result");
        using (var store = EdgeAgent.Storage.LiteEdgeStore.Open(_dataDir))
        {
            // What a crash in the middle of set-site-limit leaves behind.
            await store.CommandRecords.BeginAsync("lim-crash-1", "set-site-limit", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, broker.Port));
        await harness.WaitConnectedAsync();
        var before = harness.Configuration.Current!;
        await cloud.PublishAsync($"chargenet/v1/{Site}/cmd/set-site-limit", """{"id":"lim-crash-1","maxCurrentA":40}""");
        var reply = (await cloud.WaitForAsync(m => m.Count >= 1, what: "the answer")).Single().Json;

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Contains("outcome is unknown", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Same(before, harness.Configuration.Current);
    }
}
