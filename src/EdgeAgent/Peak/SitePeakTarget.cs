using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Peak;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The daemon's peak target (docs/load-balancing.md, "The peak target in the daemon"): with a
/// <c>grid.powerTariff</c> and a grid meter, each cycle counts the site's measured power into the
/// month's windows, asks <see cref="PeakTargetPlanner"/> for the target and hands it to the balancer
/// as <see cref="SiteConstraints.SitePowerTargetKw"/>. The month is kept in the store every
/// <see cref="SaveEvery"/> and at each new window, so a restart or a power cut does not forget it.
/// It then plans cheap hours (<see cref="CheapHoursPlan"/>) on the room the target leaves, with or
/// without a tariff. An error here never stops the loop: the cycle goes on without a target or
/// without cheap hours (the fuse still holds).
/// </summary>
public sealed partial class SitePeakTarget : ISitePowerTarget
{
    /// <summary>How often the open window is kept: what a power cut may lose of it (counted at the last power on restart).</summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a stored grid sample counts when the month is rebuilt from them: samples are kept
    /// every 10 s (<see cref="RetentionOptions.SampleInterval"/>); a longer gap is a time nothing measured the site.
    /// </summary>
    public static readonly TimeSpan SampleHoldsAtMost = TimeSpan.FromMinutes(1);

    private readonly SiteConfigurationService _configuration;
    private readonly IPeakStore _store;
    private readonly ISampleStore _samples;
    private readonly SiteEventLog _events;
    private readonly TimeSpan _cycle;
    private readonly ILogger<SitePeakTarget> _logger;
    private readonly CheapHoursPlan _cheapHours;
    private readonly SessionRecorder? _sessions;
    private EnergyNeed[] _needs = [];
    private PeakMonth? _month;
    private PeakView? _view;
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _savedWindow;
    private DateTimeOffset? _raisedWindow;
    private double _baseW;
    private bool _failing;
    private bool _cheapFailing;
    private bool _measured;
    private Task _saving = Task.CompletedTask;

    /// <param name="sessions">Where the departures and energy needs given with a start are (<see cref="SessionNeedsInput"/>); null: none.</param>
    public SitePeakTarget(
        SiteConfigurationService configuration, IEdgeStore store, SpotPrices prices, SiteEventLog events, IOptions<ControlLoopOptions> options, ILogger<SitePeakTarget> logger,
        SessionRecorder? sessions = null)
    {
        _sessions = sessions;
        _cheapHours = new CheapHoursPlan(prices);
        _configuration = configuration;
        _store = store.Peak;
        _samples = store.Samples;
        _events = events;
        _cycle = options.Value.Period;
        _logger = logger;
    }

    public PeakView? View => Volatile.Read(ref _view);

    /// <summary>The save under way (completed when none is): a test or a stop may await it.</summary>
    public Task Saving => _saving;

    public async ValueTask<SiteSnapshot> ApplyAsync(SiteSnapshot snapshot, MeterReading? gridReading, bool gridStale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // The needs a driver gave with the start count as the car's, for the planners and the allocation alike.
        snapshot = SessionNeedsInput.Apply(snapshot, _sessions);
        if (_configuration.Current?.Site is not { Grid: var grid } site)
        {
            return snapshot;
        }

        var powerW = !gridStale && gridReading is not null ? SitePower.MeasuredW(gridReading) : null;
        if (powerW is { } measured)
        {
            _baseW = Math.Max(0, measured - SitePower.CarsW(snapshot));
            _measured = true;
        }

        // The planners see the installer's assumed stays; the allocation gets only what they decide.
        var stayed = AssumedNeeds.FromChargers(snapshot, site);
        var (targeted, levelW) = await TargetAsync(snapshot, stayed, powerW, grid, cancellationToken).ConfigureAwait(false);
        return PlanCheapHours(targeted, stayed, levelW ?? SitePower.CeilingW(snapshot, grid.Phases));
    }

    /// <summary>The snapshot with its peak target set, and the level aimed at (null: no target).</summary>
    private async ValueTask<(SiteSnapshot Snapshot, double? LevelW)> TargetAsync(SiteSnapshot snapshot, SiteSnapshot stayed, double? powerW, GridSettings grid, CancellationToken cancellationToken)
    {
        if (grid is not { Meter: not null, PowerTariff: { } tariff })
        {
            // No tariff, or no meter to measure the site by: nothing to hold the site under.
            _month = null;
            Volatile.Write(ref _view, null);
            return (snapshot, null);
        }

        try
        {
            var month = await MonthForAsync(tariff, grid.VoltageV, snapshot.Time, cancellationToken).ConfigureAwait(false);
            var result = Apply(month, snapshot, stayed, powerW, grid.Phases);
            _failing = false;
            if (result.Decision is not { } decision)
            {
                return (snapshot, null);
            }

            await AnnounceAsync(decision, cancellationToken).ConfigureAwait(false);
            return (result.Snapshot, decision.LevelW);
        }
#pragma warning disable CA1031 // The bill is never worth a stopped loop: this cycle runs without a target.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            if (!_failing)
            {
                _failing = true;
                LogFailed(ex);
            }

            Volatile.Write(ref _view, null);
            return (snapshot, null);
        }
    }

    /// <summary>
    /// Cheap hours on top of the target: the cars plan on the room the site allows them — the level
    /// aimed at (else the connection's ceiling) less the load nobody controls as last measured.
    /// </summary>
    private SiteSnapshot PlanCheapHours(SiteSnapshot snapshot, SiteSnapshot stayed, double levelW)
    {
        try
        {
            var planned = _cheapHours.Apply(snapshot, stayed, Math.Max(0, levelW - (_measured ? _baseW : 0)));
            _cheapFailing = false;
            return planned;
        }
#pragma warning disable CA1031 // Cheaper energy is never worth a stopped loop: this cycle runs without it.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            if (!_cheapFailing)
            {
                _cheapFailing = true;
                LogCheapHoursFailed(ex);
            }

            return snapshot;
        }
    }

    /// <param name="powerW">The site's power measured this cycle (null: none fresh); the load nobody controls is already taken from it.</param>
    /// <param name="stayed">The same snapshot with the chargers' assumed stays, to plan with.</param>
    private (SiteSnapshot Snapshot, PeakTargetDecision? Decision) Apply(PeakMonth month, SiteSnapshot snapshot, SiteSnapshot stayed, double? powerW, int gridPhases)
    {
        var now = snapshot.Time;
        var tariff = month.Settings;
        if (powerW is null && !_measured)
        {
            // Before the first reading the load nobody controls is unknown: no target rather than one
            // of 0 (the start-up hold and the fallback hold the site meanwhile).
            return (snapshot, null);
        }

        month.Feed(now, powerW, powerW is null ? null : SitePower.UncontrolledW(snapshot, _baseW));

        var planned = AssumedNeeds.Fill(stayed, tariff);
        if (_needs.Length < planned.Connectors.Length)
        {
            _needs = new EnergyNeed[planned.Connectors.Length];
        }

        var decision = PeakTargetPlanner.Decide(month.Site, planned, _baseW, SitePower.CeilingW(snapshot, gridPhases), _cycle, _needs);
        // Raised by the cars, not by the load nobody controls alone (which the target cannot hold anyway).
        decision = decision with { Raised = decision.Raised && decision.CapW is not null && decision.RequiredW > _baseW + 1 };
        Volatile.Write(ref _view, ViewOf(month, decision));
        SaveIfDue(month, now);
        var targetKw = decision.CapW is { } capW ? capW / 1000 : (double?)null;
        return (snapshot with { Constraints = snapshot.Constraints with { SitePowerTargetKw = targetKw } }, decision);
    }

    private async ValueTask<PeakMonth> MonthForAsync(PowerTariffSettings tariff, double voltageV, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_month is { } month && month.Settings == tariff)
        {
            return month;
        }

        var saved = _month is { } current && current.Key == PeakMonth.KeyOf(tariff) ? current.Record() : _store.Load();
        try
        {
            _month = Kept(saved, tariff, now) ? PeakMonth.Start(tariff, saved, now, SaveEvery) : await FromSamplesAsync(tariff, voltageV, now, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // Kept under a zone whose rules have changed since: its windows are not this tariff's.
            LogNotRestored(ex.Message);
            _month = await FromSamplesAsync(tariff, voltageV, now, cancellationToken).ConfigureAwait(false);
        }

        _savedWindow = _month.Site.WindowStart;
        return _month;
    }

    /// <summary>Whether <paramref name="saved"/> holds this month under this tariff's shape (else the month comes from the stored samples).</summary>
    private static bool Kept(PeakRecord? saved, PowerTariffSettings tariff, DateTimeOffset now) =>
        saved is not null && saved.TariffKey == PeakMonth.KeyOf(tariff) && saved.SavedAt <= now && saved.SavedAt >= MonthStart(tariff.ToTariff(), now);

    /// <summary>
    /// The month so far from the grid meter's stored samples (docs/load-balancing.md, "The peak target
    /// in the daemon"): what the site drew before the daemon counted windows under this tariff is in
    /// the bill too. The samples keep currents per phase: their power is the currents times the grid's
    /// voltage (an export counts as an import, so the figure errs high, as a bill would rather).
    /// </summary>
    private async Task<PeakMonth> FromSamplesAsync(PowerTariffSettings tariff, double voltageV, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var samples = await _samples.ListAsync(MeterSampleRecorder.GridMeterId, MonthStart(tariff.ToTariff(), now), cancellationToken).ConfigureAwait(false);
        var powers = samples
            .Select(s => (s.Ts, s.TotalPowerW > 0 ? s.TotalPowerW : (s.CurrentA.L1 + s.CurrentA.L2 + s.CurrentA.L3) * voltageV))
            .Where(s => double.IsFinite(s.Item2) && s.Item2 >= 0)
            .ToList();
        if (powers.Count > 0)
        {
            LogRebuilt(powers.Count, powers[0].Ts);
        }

        return PeakMonth.FromSamples(tariff, powers, now, SampleHoldsAtMost);
    }

    /// <summary>The start of the month <paramref name="now"/> is in, in the tariff's zone.</summary>
    private static DateTimeOffset MonthStart(PowerTariff tariff, DateTimeOffset now)
    {
        var local = tariff.Local(now);
        var first = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(first, tariff.TimeZone.GetUtcOffset(first));
    }

    private void SaveIfDue(PeakMonth month, DateTimeOffset now)
    {
        var newWindow = month.Site.WindowStart != _savedWindow;
        if (!_saving.IsCompleted || (!newWindow && now - _savedAt < SaveEvery) || month.Record() is not { } record)
        {
            return;
        }

        _savedAt = now;
        _savedWindow = month.Site.WindowStart;
        _saving = Task.Run(async () =>
        {
            try
            {
                await _store.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A save that fails is tried again at the next one; the loop goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSaveFailed(ex);
            }
        });
    }

    private async Task AnnounceAsync(PeakTargetDecision decision, CancellationToken cancellationToken)
    {
        // Once per window in which the departures need more than is paid: the bill will rise.
        if (!decision.Raised || _month?.Site.WindowStart is not { } window || window == _raisedWindow)
        {
            return;
        }

        _raisedWindow = window;
        await _events.RaiseCommittedAsync(
            EventSeverities.Warning,
            "grid",
            "peak.target.raised",
            string.Create(CultureInfo.InvariantCulture,
                $"the cars' departures need {decision.RequiredW / 1000:0.0} kW, more than the {decision.FreeLevelW / 1000:0.0} kW already paid this month: the peak target rises to {decision.LevelW / 1000:0.0} kW"),
            cancellationToken).ConfigureAwait(false);
    }

    private static PeakView ViewOf(PeakMonth month, PeakTargetDecision decision)
    {
        var tariff = month.Site.Tariff;
        var local = tariff.Local(month.Site.WindowStart!.Value);
        var billedKw = month.Site.BilledPeakW / 1000;
        var uncontrolledKw = Math.Max(billedKw, month.Uncontrolled.BilledPeakW / 1000);
        var counts = decision.CapW is not null;
        return new PeakView(
            local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            month.Settings.WindowMinutes,
            counts,
            Round(billedKw),
            counts ? Round(decision.LevelW / 1000) : null,
            decision.CapW is { } cap ? Round(cap / 1000) : null,
            counts ? Round(decision.FreeLevelW / 1000) : null,
            Round(decision.RequiredW / 1000),
            decision.Raised,
            Round(uncontrolledKw),
            month.Settings.PricePerKw,
            month.Settings.Currency,
            Math.Round(tariff.MonthlyCharge(uncontrolledKw) - tariff.MonthlyCharge(billedKw), 2));
    }

    private static double Round(double kw) => Math.Round(kw, 3);

    [LoggerMessage(Level = LogLevel.Error, Message = "The peak target failed: cycles run without it (the fuse and circuit limits still hold) until it works again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cheap hours failed: cycles run without them (no car waits) until they work again")]
    private partial void LogCheapHoursFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept power windows of the month do not fit the tariff ({Reason}): the month is counted afresh")]
    private partial void LogNotRestored(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The month's power windows were rebuilt from {Count} stored grid samples since {Since}")]
    private partial void LogRebuilt(int count, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The month's power windows could not be kept; the next save tries again")]
    private partial void LogSaveFailed(Exception exception);
}
