using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Tests.Configuration;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>docs/security.md rules of a cloud command, each on its own: the ceiling, the age, the response topic, the bounded backlog.</summary>
public sealed class CloudCommandReachTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(TestStore.T0);

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_cloud_revision_is_capped_by_the_newest_local_revision_not_by_an_earlier_cloud_one()
    {
        using var service = new SiteConfigurationService(_file.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        Assert.True((await service.ApplyAsync(Grid(250), RevisionSources.File, "installer", CancellationToken.None)).Accepted);
        Assert.True((await service.ApplyAsync(Grid(200), RevisionSources.Page, "admin", CancellationToken.None)).Accepted);
        Assert.True((await service.ApplyAsync(Grid(150), RevisionSources.Cloud, "cloud", CancellationToken.None)).Accepted);

        var back = await service.ApplyAsync(Grid(200), RevisionSources.Cloud, "cloud", CancellationToken.None);
        Assert.True(back.Accepted, string.Join("; ", back.Problems));
        var above = await service.ApplyAsync(Grid(250), RevisionSources.Cloud, "cloud", CancellationToken.None);

        Assert.False(above.Accepted);
        var problem = Assert.Single(above.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("$.grid.maxCurrentA", problem.Path);
        Assert.Contains("above 200 A, the value last set locally (revision 2)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(200, service.Current!.Site.Grid.MaxCurrentA);
    }

    [Fact]
    public async Task A_local_change_may_raise_what_the_cloud_may_not()
    {
        using var service = new SiteConfigurationService(_file.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        await service.ApplyAsync(Grid(200), RevisionSources.File, "installer", CancellationToken.None);

        Assert.False((await service.ApplyAsync(Grid(250), RevisionSources.Cloud, "cloud", CancellationToken.None)).Accepted);
        Assert.True((await service.ApplyAsync(Grid(250), RevisionSources.Api, "admin", CancellationToken.None)).Accepted);
    }

    [Fact]
    public void The_ceiling_names_every_loosened_field_a_smaller_margin_and_a_moved_or_removed_circuit()
    {
        var local = Site();
        var proposed = local with
        {
            Grid = local.Grid with { SafetyMarginA = 1, FallbackCurrentA = 200, MaxImbalanceA = null },
            Circuits = [local.Circuits[1] with { Parent = null }],
            Chargers = [local.Chargers[0] with { Circuit = "elsewhere", FailsafeCurrentA = 32 }],
        };

        var paths = CloudLimitCeiling.Check(proposed, local, 3).Select(p => p.Path).ToList();

        Assert.Equal(
            ["$.grid.fallbackCurrentA", "$.grid.maxImbalanceA", "$.grid.safetyMarginA", "$.circuits", "$.circuits[0].parent", "$.chargers[0].failsafeCurrentA", "$.chargers[0].circuit"],
            paths);
    }

    [Theory]
    [InlineData(-301, "expired:")]
    [InlineData(301, "ahead of the edge's clock")]
    public void A_ts_further_than_commandMaxAgeS_from_now_is_refused(int offsetS, string expected)
    {
        var command = Json($$"""{"id":"x","ts":"{{TestStore.T0.AddSeconds(offsetS):O}}"}""");
        Assert.Contains(expected, CommandExpiry.Refusal(command, TestStore.T0, 300), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","ts":"2026-03-02T07:55:01Z"}""")]
    public void A_command_without_ts_or_within_the_age_runs(string payload) => Assert.Null(CommandExpiry.Refusal(Json(payload), TestStore.T0, 300));

    [Fact]
    public void A_ts_that_is_not_a_time_is_refused_naming_it() =>
        Assert.Contains("'ts' must be an ISO 8601 time", CommandExpiry.Refusal(Json("""{"id":"x","ts":42}"""), TestStore.T0, 300), StringComparison.Ordinal);

    [Theory]
    [InlineData("chargenet/v1/s1/replies/ops", true)]
    [InlineData("chargenet/v1/s1/ops", true)]
    [InlineData("chargenet/v1/s2/replies", false)]
    [InlineData("chargenet/v1/s1/", false)]
    [InlineData("chargenet/v1/s1/cmd/reset-charger", false)]
    [InlineData("chargenet/v1/s1/events", false)]
    [InlineData("chargenet/v1/s1/replies/#", false)]
    [InlineData("other/topic", false)]
    public void Only_a_topic_under_the_sites_prefix_may_carry_an_answer(string topic, bool allowed) =>
        Assert.Equal(allowed, CommandResponseTopic.Refusal("s1", topic) is null);

    [Fact]
    public async Task A_full_command_backlog_refuses_the_next_command_instead_of_growing()
    {
        var backlog = new CloudCommandBacklog(capacity: 2, workers: 1);
        using var stop = new CancellationTokenSource();
        var running = backlog.RunAsync(stop.Token);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = 0;

        Assert.True(backlog.TryEnqueue(async _ =>
        {
            started.SetResult();
            await release.Task;
        }));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(backlog.TryEnqueue(_ => Task.FromResult(Interlocked.Increment(ref ran))));
        Assert.True(backlog.TryEnqueue(_ => Task.FromResult(Interlocked.Increment(ref ran))));
        Assert.False(backlog.TryEnqueue(_ => Task.FromResult(Interlocked.Increment(ref ran))));

        release.SetResult();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref ran) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, Volatile.Read(ref ran));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static SiteConfiguration Site() => new()
    {
        SiteId = "s1",
        Grid = new GridSettings { MaxCurrentA = 100, SafetyMarginA = 5, FallbackCurrentA = 50, MaxImbalanceA = 16 },
        Circuits = [new CircuitSettings { Id = "main", MaxCurrentA = 100 }, new CircuitSettings { Id = "deck", Parent = "main", MaxCurrentA = 63 }],
        Chargers = [new ChargerSettings { Id = "cp1", Protocol = "ocpp1.6", Circuit = "deck", MaxCurrentA = 32, FailsafeCurrentA = 6 }],
    };

    private static string Grid(double maxCurrentA) => SiteDocuments.ContractExample.Replace(
        "\"maxCurrentA\": 250, \"safetyMarginA\"", $"\"maxCurrentA\": {maxCurrentA}, \"safetyMarginA\"", StringComparison.Ordinal);
}
