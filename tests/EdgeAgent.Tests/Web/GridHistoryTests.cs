using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.EdgeAgent.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Web;

/// <summary>The page's chart of the grid (<c>GET /api/v1/status/history</c>) over a real store file.</summary>
public sealed class GridHistoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chargenet-history-").FullName;

    [Fact]
    public async Task The_chart_shows_the_grid_samples_whatever_the_grid_meter_is_called()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        using var store = LiteEdgeStore.Open(_directory, time);
        var reader = new SiteConfigurationReader(
            await SiteSchemaValidator.LoadAsync(CancellationToken.None),
            new SiteConfigurationValidator(new KnownDrivers(new HashSet<string> { KnownDrivers.Simulated }, new HashSet<string>())));
        var configuration = new SiteConfigurationService(store, reader, time, NullLogger<SiteConfigurationService>.Instance);
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var site = demo with
        {
            Grid = demo.Grid with { Meter = "main-meter" },
            Meters = [.. demo.Meters.Select(m => m.Id == demo.Grid.Meter ? m with { Id = "main-meter" } : m)],
        };
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), RevisionSources.Demo, "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("\n", applied.Problems));

        // What the recorder keeps every sample interval, two minutes ago and one minute ago.
        await store.Samples.AppendAsync(new MeterSample(MeterSampleRecorder.GridMeterId, time.GetUtcNow().AddMinutes(-2), new(40, 41, 42), 0), CancellationToken.None);
        await store.Samples.AppendAsync(new MeterSample(MeterSampleRecorder.GridMeterId, time.GetUtcNow().AddMinutes(-1), new(50, 51, 52), 0), CancellationToken.None);

        var result = await StatusApi.History(10, store, configuration, time, CancellationToken.None);

        var points = Assert.IsType<Ok<List<GridSamplePoint>>>(result.Result).Value!;
        Assert.Equal([[40, 41, 42], [50, 51, 52]], points.Select(p => p.CurrentA));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
