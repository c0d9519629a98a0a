using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Time.Testing;
using static ChargeNet.EdgeAgent.Tests.Peak.PeakSiteFixture;

namespace ChargeNet.EdgeAgent.Tests.Peak;

/// <summary>
/// The daemon's peak target (docs/load-balancing.md, "The peak target in the daemon") over a real
/// LiteDB file: the month's windows counted from the grid meter, kept across a restart and a power
/// cut, the target handed to the balancer, raised (and said so) when the cars need more.
/// </summary>
public sealed class SitePeakTargetTests : IDisposable
{
    // 10:00 in Stockholm (UTC+1 in March).
    private static readonly DateTimeOffset Ten = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(10);
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(Ten);

    [Fact]
    public async Task The_months_peak_and_the_paid_level_survive_a_restart_of_the_daemon()
    {
        using (var site = await StartAsync(_file.Store, _time, HighestHour()))
        {
            await site.RunAsync(Ten, Ten.AddHours(1), Cycle, kw: 40);
            var next = await site.RunAsync(Ten.AddHours(1), Ten.AddHours(1).AddSeconds(20), Cycle, kw: 10);

            var view = site.Target.View!;
            Assert.Equal("2026-03", view.Month);
            Assert.Equal(40, view.BilledPeakKw, 3);
            Assert.Equal(40, view.PaidKw!.Value, 3);
            Assert.Equal(40, view.TargetKw!.Value, 3);
            // The new hour has had 20 s at 10 kW: the rest of it may average a little over 40 kW.
            Assert.InRange(next.Constraints.SitePowerTargetKw!.Value, 40, 40.1);
            await site.Target.Saving;
        }

        _file.Reopen();
        using var restarted = await StartAsync(_file.Store, _time, HighestHour());
        var after = await restarted.RunAsync(Ten.AddHours(1).AddMinutes(5), Ten.AddHours(1).AddMinutes(5).AddSeconds(1), Cycle, kw: 10);

        Assert.Equal(40, restarted.Target.View!.BilledPeakKw, 3);
        Assert.Equal(40, restarted.Target.View!.PaidKw!.Value, 3);
        Assert.InRange(after.Constraints.SitePowerTargetKw!.Value, 40, 44);
    }

    [Fact]
    public async Task A_power_cut_loses_at_most_the_last_save_interval_of_the_open_window()
    {
        var noon = Ten.AddHours(2);
        using (var site = await StartAsync(_file.Store, _time, HighestHour()))
        {
            await site.RunAsync(noon, noon.AddMinutes(20).AddSeconds(10), TimeSpan.FromSeconds(5), kw: 60);
            await site.Target.Saving; // the file as the cut found it: the last save done, nothing after
        }

        _file.Reopen();
        using var restarted = await StartAsync(_file.Store, _time, HighestHour());
        await restarted.RunAsync(noon.AddMinutes(40), noon.AddHours(1).AddSeconds(5), TimeSpan.FromSeconds(5), kw: 0);

        // 20 min at 60 kW is an hour at 20 kW; up to one save interval more is counted at the last power.
        var billed = restarted.Target.View!.BilledPeakKw;
        Assert.InRange(billed, 20.0, 20.0 + (60 * 30.0 / 3600) + 1e-9);
    }

    [Fact]
    public async Task Cars_that_need_more_than_is_paid_raise_the_target_and_the_raise_is_an_event()
    {
        using var site = await StartAsync(_file.Store, _time, HighestHour(assumedEnergyKwh: 40));
        await site.RunAsync(Ten, Ten.AddHours(1), Cycle, kw: 10);

        // Two cars plugged in at 11:00, 3 × 10 A each (13.8 kW together) over 3 kW of other load: each
        // is assumed to want 40 kWh within 4 h, 10 kW each, 20 kW together, more than the 10 kW paid.
        var eleven = Ten.AddHours(1);
        var at = eleven.AddMinutes(1);
        var cars = Snapshot(at, (eleven, 10, 0), (eleven, 10, 0));
        var planned = await site.Target.ApplyAsync(cars, Reading(at, 3 + 13.8), gridStale: false, CancellationToken.None);

        var view = site.Target.View!;
        Assert.True(view.Raised);
        Assert.Equal(10, view.PaidKw!.Value, 3);
        Assert.InRange(view.RequiredKw, 22.9, 23.1);
        Assert.InRange(view.TargetKw!.Value, 22.9, 23.1);
        Assert.NotNull(planned.Constraints.SitePowerTargetKw);
        var raised = Assert.Single(await EventsAsync(_file.Store), e => e.Code == "peak.target.raised");
        Assert.Equal("warning", raised.Severity);
        Assert.Contains("the peak target rises to 23.1 kW", raised.Message, StringComparison.Ordinal);

        // Said once per window, not every cycle.
        await site.Target.ApplyAsync(Snapshot(at.AddSeconds(10), (eleven, 10, 0), (eleven, 10, 0)), Reading(at.AddSeconds(10), 16.8), false, CancellationToken.None);
        Assert.Single(await EventsAsync(_file.Store), e => e.Code == "peak.target.raised");
    }

    [Fact]
    public async Task Without_a_power_tariff_the_snapshot_is_allocated_as_the_loop_built_it()
    {
        using var site = await StartAsync(_file.Store, _time, tariff: null);
        var snapshot = Snapshot(Ten, (Ten, 16, 0));

        var planned = await site.Target.ApplyAsync(snapshot, Reading(Ten, 20), gridStale: false, CancellationToken.None);

        Assert.Same(snapshot, planned);
        Assert.Null(site.Target.View);
    }

    [Fact]
    public async Task Outside_the_counted_hours_there_is_no_target_and_the_view_says_the_window_does_not_count()
    {
        using var site = await StartAsync(_file.Store, _time, HighestHour() with { Hours = new ChargeNet.EdgeAgent.Configuration.PowerTariffHours { From = 7, To = 9 } });

        var planned = await site.RunAsync(Ten, Ten.AddMinutes(1), Cycle, kw: 50);

        Assert.Null(planned.Constraints.SitePowerTargetKw);
        Assert.False(site.Target.View!.WindowCounts);
        Assert.Null(site.Target.View!.TargetKw);
    }

    [Fact]
    public async Task Started_mid_month_the_months_peak_so_far_comes_from_the_stored_grid_samples()
    {
        // The daemon ran before without a tariff (or before the upgrade): the recorder kept the grid's
        // currents every 10 s. Last month's 70 kW is not this month's; yesterday's hour at 40 kW is.
        await KeepSamplesAsync(Ten.AddDays(-2), TimeSpan.FromHours(1), kw: 70);
        await KeepSamplesAsync(Ten.AddDays(-1), TimeSpan.FromHours(1), kw: 40);
        _file.Reopen();

        using (var upgraded = await StartAsync(_file.Store, _time, HighestHour()))
        {
            var next = await upgraded.RunAsync(Ten, Ten.AddSeconds(10), Cycle, kw: 10);

            Assert.Equal("2026-03", upgraded.Target.View!.Month);
            Assert.Equal(40, upgraded.Target.View!.BilledPeakKw, 1);
            Assert.Equal(40, upgraded.Target.View!.PaidKw!.Value, 1);
            Assert.InRange(next.Constraints.SitePowerTargetKw!.Value, 40, 41);
            await upgraded.Target.Saving;
        }

        // Kept from then on: a restart restores the month, it does not count the samples twice.
        _file.Reopen();
        using var restarted = await StartAsync(_file.Store, _time, HighestHour());
        await restarted.RunAsync(Ten.AddMinutes(1), Ten.AddMinutes(1).AddSeconds(10), Cycle, kw: 10);
        Assert.Equal(40, restarted.Target.View!.BilledPeakKw, 1);
    }

    [Fact]
    public async Task Stored_samples_count_only_while_they_were_taken_a_gap_in_them_counts_nothing()
    {
        // 10 minutes at 60 kW, then the daemon was down until 10:00: the 9:00 hour had 10 minutes
        // measured (each sample holds at most a minute), not 60 at the last power.
        await KeepSamplesAsync(Ten.AddHours(-1), TimeSpan.FromMinutes(10), kw: 60);
        _file.Reopen();

        using var upgraded = await StartAsync(_file.Store, _time, HighestHour());
        await upgraded.RunAsync(Ten, Ten.AddSeconds(10), Cycle, kw: 10);

        Assert.InRange(upgraded.Target.View!.BilledPeakKw, 10, 11);
    }

    /// <summary>Grid samples as the recorder keeps them (currents only, every 10 s) from <paramref name="from"/> for <paramref name="span"/>.</summary>
    private async Task KeepSamplesAsync(DateTimeOffset from, TimeSpan span, double kw)
    {
        var a = kw * 1000 / 3 / 230;
        for (var at = from; at < from + span; at += TimeSpan.FromSeconds(10))
        {
            await _file.Store.Samples.AppendAsync(new MeterSample(MeterSampleRecorder.GridMeterId, at, new PhaseValues(a, a, a), 0), CancellationToken.None);
        }
    }

    public void Dispose() => _file.Dispose();
}
