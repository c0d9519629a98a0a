using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class RetentionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly LiteEdgeStore _store = LiteEdgeStore.OpenInMemory();
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void The_defaults_are_those_docs_operations_md_states()
    {
        var options = new RetentionOptions();

        Assert.Equal(TimeSpan.FromDays(90), options.EventMaxAge);
        Assert.Equal(100_000, options.EventMaxCount);
        Assert.Equal(TimeSpan.FromDays(7), options.SampleMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(10), options.SampleInterval);
        Assert.Equal(TimeSpan.FromHours(1), options.SweepInterval);
        Assert.Equal(TimeSpan.FromDays(30), options.OcppMessageKeyMaxAge);
        Assert.Equal(TimeSpan.FromDays(90), options.SessionMaxAge);
        Assert.Equal(100, options.RevisionMaxCount);
    }

    [Fact]
    public async Task A_sweep_with_the_defaults_removes_events_older_than_90_days_and_samples_older_than_7_days()
    {
        await AddEventAsync("old", Now.AddDays(-91));
        await AddEventAsync("kept", Now.AddDays(-89));
        await AddEventAsync("new", Now.AddMinutes(-1));
        await AddSampleAsync(Now.AddDays(-8));
        await AddSampleAsync(Now.AddDays(-6));
        var service = Create(new RetentionOptions());

        var removed = await service.SweepAsync(CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Equal(["new", "kept"], (await _store.Events.ListAsync(10, 0, CancellationToken.None)).Select(e => e.Id));
        Assert.Equal([Now.AddDays(-6)], (await _store.Samples.ListAsync("grid", DateTimeOffset.MinValue, CancellationToken.None)).Select(s => s.Ts));
    }

    [Fact]
    public async Task A_sweep_keeps_at_most_the_newest_event_max_count_events()
    {
        for (var i = 1; i <= 5; i++)
        {
            await AddEventAsync("e" + i, Now.AddMinutes(i - 10));
        }

        var removed = await Create(new RetentionOptions { EventMaxCount = 3 }).SweepAsync(CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Equal(["e5", "e4", "e3"], (await _store.Events.ListAsync(10, 0, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task The_service_sweeps_at_start_and_then_every_sweep_interval_on_its_clock()
    {
        await AddEventAsync("too-old", Now.AddDays(-91));
        await AddEventAsync("old-within-the-hour", Now.AddDays(-90).AddMinutes(30));
        await AddEventAsync("fresh", Now);
        using var service = Create(new RetentionOptions());

        await service.StartAsync(CancellationToken.None);
        await WaitForEventIdsAsync(["fresh", "old-within-the-hour"]);

        _time.Advance(TimeSpan.FromHours(1));
        await WaitForEventIdsAsync(["fresh"]);
        await service.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _store.Dispose();

    private RetentionService Create(RetentionOptions options) =>
        new(_store, _time, Options.Create(options), NullLogger<RetentionService>.Instance);

    private Task AddEventAsync(string id, DateTimeOffset ts) =>
        _store.Events.AppendAsync(new EdgeEvent(id, ts, EventSeverities.Info, "site", "test", id), CancellationToken.None);

    private Task AddSampleAsync(DateTimeOffset ts) =>
        _store.Samples.AppendAsync(new MeterSample("grid", ts, new PhaseValues(1, 2, 3), 1_380), CancellationToken.None);

    private async Task WaitForEventIdsAsync(string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IEnumerable<string> ids;
        do
        {
            ids = (await _store.Events.ListAsync(10, 0, CancellationToken.None)).Select(e => e.Id).ToList();
            if (ids.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(10);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(expected, ids);
    }
}
