using System.Diagnostics;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The one place decisions are made. A cycle runs on each new grid-meter reading (the meter's feed
/// wakes it) and at least once per period; it takes the latest readings, asks the balancer for a
/// limit per connector, and sends the limits that changed — to every charger at once, so a slow
/// one never delays the others. It never waits on a device: readings arrive on their own tasks.
/// </summary>
public sealed partial class ControlLoop : BackgroundService
{
    private readonly SiteConfigurationService _configuration;
    private readonly DeviceRegistry _devices;
    private readonly SiteEventLog _events;
    private readonly SessionTracker _sessions;
    private readonly ISiteConstraintSource _constraints;
    private readonly ManualLimits _manualLimits;
    private readonly ISitePowerTarget _sitePowerTarget;
    private readonly TimeProvider _time;
    private readonly ControlLoopOptions _options;
    private readonly ILogger<ControlLoop> _logger;
    private readonly LoadAllocator _allocator;
    private readonly CycleTrigger _trigger = new();
    private readonly GridMeterFeed _feed;
    private readonly ChargerReads _chargerReads;
    private readonly LatencyWindow _latencies = new();
    private readonly MeterReportRequests _reportRequests;
    private PhaseProbe _phaseProbe;
    private readonly Dictionary<string, string?> _chargerErrors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneCycleAtATime = new(1, 1);
    private SiteModel? _model;
    private double[] _capA = [];
    private bool[] _probeCapped = [];
    private bool[] _ordered = [];
    private bool _fallbackAnnounced;
    private DateTimeOffset? _firstCycleAt;
    private bool _startupHold = true;

    // Per node, whether at the last cycle a charger behind it reported a car drawing: a meter there standing still at idle is
    // then frozen (SiteModel.CurrentReportedBehind). Kept for the wake-up at the moment a meter turns stale; empty (or of the
    // model before) when a cycle threw before judging it. Loop only.
    private bool[] _currentExpected = [];
    private DateTimeOffset _lastActedOnReading = DateTimeOffset.MinValue;
    private SiteStatus? _latest;
    private int _consecutiveFailures;
    private long _lastTurnTicks;
    private long _lastFailureTicks;

    public ControlLoop(
        SiteConfigurationService configuration,
        DeviceRegistry devices,
        SiteEventLog events,
        SessionTracker sessions,
        ISiteConstraintSource constraints,
        ManualLimits manualLimits,
        IAllocationStrategy strategy,
        TimeProvider time,
        IOptions<ControlLoopOptions> options,
        ILogger<ControlLoop> logger,
        ISitePowerTarget? sitePowerTarget = null)
    {
        _configuration = configuration;
        _devices = devices;
        _events = events;
        _sessions = sessions;
        _constraints = constraints;
        _constraints.Changed += _trigger.Signal; // an emergency stop or curtailment is acted on at once, not at the next period
        _manualLimits = manualLimits;
        _sitePowerTarget = sitePowerTarget ?? NoSitePowerTarget.Instance;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _allocator = new LoadAllocator(strategy);
        _feed = new GridMeterFeed(configuration, devices, time, _options.ReadTimeout, _trigger, logger);
        _chargerReads = new ChargerReads(time, _options.ReadTimeout);
        _reportRequests = new MeterReportRequests(time, _options);
        _phaseProbe = new PhaseProbe(_options.VehicleResponseTime, _options.FreshReadingAge, logger);
    }

    /// <summary>Raised after each completed cycle with the site's status.</summary>
    public event Action<SiteStatus>? CycleCompleted;

    /// <summary>
    /// Raised with each status the loop publishes: after a completed cycle (after <see cref="CycleCompleted"/>) and after a
    /// failed one (<see cref="SiteStatus.Controlling"/> false). What the page's live feed, the demo's lines and the fault relay
    /// follow: a failed cycle must reach them too.
    /// </summary>
    public event Action<SiteStatus>? StatusChanged;

    /// <summary>
    /// Raised after each completed cycle, after every <see cref="CycleCompleted"/> handler (one that throws is logged, never the
    /// cycle's failure), and at each turn with no configuration to control: what systemd's watchdog is told.
    /// </summary>
    public event Action? Alive;

    /// <summary>The status after the last cycle; null before the first.</summary>
    public SiteStatus? Latest => Volatile.Read(ref _latest);

    /// <summary>How many cycles in a row failed (0 after one that completed): health says so even before any status exists.</summary>
    public int FailedCyclesInARow => Volatile.Read(ref _consecutiveFailures);

    /// <summary>
    /// How long the loop has not ended a cycle (completed, failed, or with nothing to control) when that is longer than
    /// <see cref="StallAfter"/>; null otherwise, and before the first. A cycle that hangs (an await on a card that stopped
    /// answering) fails nothing and counts nothing: readiness asks this too.
    /// </summary>
    public TimeSpan? Stalled
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastTurnTicks);
            var since = ticks == 0 ? TimeSpan.Zero : _time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
            return since > StallAfter ? since : null;
        }
    }

    /// <summary>
    /// How long ago the last cycle failed, while that is within <see cref="ReadyAfterFailure"/>; null otherwise. Cycles that fail
    /// every other time reset <see cref="FailedCyclesInARow"/> at each one that completes: readiness flipped at the cycle's pace.
    /// </summary>
    public TimeSpan? FailedRecently
    {
        get
        {
            // A wall clock stepped back makes the failure look ahead: not recent (cycles failing still count in a row).
            var ticks = Interlocked.Read(ref _lastFailureTicks);
            var ago = ticks == 0 ? TimeSpan.MaxValue : _time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
            return ago >= TimeSpan.Zero && ago < ReadyAfterFailure ? ago : null;
        }
    }

    /// <summary>How long cycles must complete after a failed one before the loop counts as controlling again for readiness.</summary>
    public static readonly TimeSpan ReadyAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>How long a cycle may take before the loop counts as stalled: three periods, at least systemd's watchdog interval.</summary>
    public TimeSpan StallAfter => TimeSpan.FromTicks(Math.Max(3 * _options.Period.Ticks, TimeSpan.FromSeconds(10).Ticks));

    /// <summary>The balancer's input of the latest cycle: what the loop estimated, for diagnosing it (the site bench's trace).</summary>
    internal SiteSnapshot? LastSnapshot { get; private set; }

    /// <summary>The connectors as the loop keeps them (for the simulator's diagnosis traces).</summary>
    internal IReadOnlyList<ConnectorRuntime> Connectors => _model?.Connectors ?? [];

    /// <summary>The connector (an index of <see cref="Connectors"/>) whose car a probe of its phases is probing, if one runs.</summary>
    internal int? ProbedConnector => _phaseProbe.ProbedIndex;

    /// <summary>The cut a probe asks of connector <paramref name="index"/> (of <see cref="Connectors"/>) while that stage stands; null otherwise.</summary>
    internal double? ProbeCutOf(int index) => _phaseProbe.CutOf(index);

    /// <summary>True while the running loop and the meter's feed both sleep with nothing pending: a test may move its fake clock.</summary>
    internal bool IsIdle => _trigger.IsIdle && _feed.IsSleeping;

    /// <summary>When the grid meter was last read, if it has been.</summary>
    internal DateTimeOffset? GridMeterReadAt => _feed.Watch.Latest?.Timestamp;

    /// <summary>Reads the grid meter once, as its feed does at each poll; a new reading wakes the running loop.</summary>
    public Task<bool> PollGridMeterAsync(CancellationToken cancellationToken) => _feed.PollOnceAsync(cancellationToken);

    /// <summary>
    /// Runs one cycle: take the latest readings, decide, command. One cycle at a time. A cycle that
    /// throws sends every charger its failsafe current and returns the status marked not controlling.
    /// </summary>
    public async Task<SiteStatus?> RunCycleAsync(CancellationToken cancellationToken)
    {
        await _oneCycleAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunCycleCoreAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One bad cycle must not stop the loop; the next one starts from fresh readings.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            FallBackToFailsafe(ex);
            return Latest;
        }
        finally
        {
            Interlocked.Exchange(ref _lastTurnTicks, _time.GetUtcNow().UtcTicks);
            _oneCycleAtATime.Release();
        }
    }

    public override void Dispose()
    {
        _oneCycleAtATime.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // From the start: a first cycle that hangs is a stall as any other (readiness knew of no cycle ended to count from).
        Interlocked.Exchange(ref _lastTurnTicks, _time.GetUtcNow().UtcTicks);
        var feed = _feed.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = _time.GetUtcNow();
                await RunCycleAsync(stoppingToken).ConfigureAwait(false);
                await WaitForNextCycleAsync(started, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        try
        {
            await feed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The feed stops with the loop.
        }
    }

    private async Task<SiteStatus?> RunCycleCoreAsync(CancellationToken cancellationToken)
    {
        if (_configuration.Current is not { } applied)
        {
            // Nothing to control yet (a fresh install being configured on its page): alive all the same, or systemd's
            // watchdog would restart the daemon under the installer's hands.
            RaiseAlive();
            return null;
        }

        if (_model is null || _model.Applied != applied)
        {
            _model = SiteModel.Build(applied, _model);
            _capA = new double[_model.Connectors.Count];
            _probeCapped = new bool[_model.Connectors.Count];
            _ordered = new bool[_model.Connectors.Count];
            _phaseProbe = new PhaseProbe(_options.VehicleResponseTime, _options.FreshReadingAge, _logger);
            ProbedPhases.ForgetAll(_model.Connectors);
        }

        var model = _model;
        var devices = _devices.Current;
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        _chargerReads.Start(devices, now, _options.Period, cancellationToken);
        ApplyChargerReads(model);
        ReadQueuedSends(model, devices);

        var grid = _feed.Watch;
        var reading = grid.Latest;
        // Judged once per cycle, and kept for the wake-up at the moment the meter turns stale (NextCycleAt).
        _currentExpected = model.CurrentReportedBehind(now);
        var gridStale = grid.IsStale(now, TimeSpan.FromSeconds(model.Site.Grid.MeterTimeoutS), _currentExpected[0]);
        if (_startupHold && (model.Site.Grid.Meter is null || !gridStale))
        {
            _startupHold = false;
            LogStartupHoldEnded();
        }

        if (_options.ProbeCarPhases)
        {
            _phaseProbe.Advance(model, reading, gridStale, now);
        }

        var manual = _manualLimits.All;
        FillCaps(model, manual, now);
        // The one hook of the site's own bill (docs/load-balancing.md, "Peak target"): it adds the peak target.
        SiteSnapshot Build() => model.Snapshot(now, reading, gridStale, _constraints.Current, _capA, _options, _feed.Circuits);
        var snapshot = await _sitePowerTarget.ApplyAsync(Build(), reading, gridStale, cancellationToken).ConfigureAwait(false);
        LastSnapshot = snapshot;
        var result = _allocator.Allocate(snapshot);
        if (SendSetpoints(model, devices, snapshot, result, now))
        {
            // A cut just sent waits in its driver behind another call to its charger: planned again at once, the others cut
            // for it now, as the next cycle would — a cycle later missed the grace (docs/control-loop.md, "A cut that queues").
            ReadQueuedSends(model, devices);
            snapshot = Build().WithEconomicLimitsOf(snapshot);
            LastSnapshot = snapshot;
            result = _allocator.Allocate(snapshot);

            // Once: a cut of this second plan that queues too (a deeper one behind the first) is the next cycle's, as before.
            SendSetpoints(model, devices, snapshot, result, now);
        }

        if (_options.AskForReportAfterLimit)
        {
            _reportRequests.AskWhereDue(model, devices, now);
        }

        StopSessionsAsLastResort(model, devices, snapshot, result, now, cancellationToken);

        // Latency: from the reading's own timestamp to the setpoints sent, for each reading acted on once.
        double? latencyMs = null;
        if (reading is not null && !gridStale && reading.Timestamp > _lastActedOnReading)
        {
            _lastActedOnReading = reading.Timestamp;
            latencyMs = Math.Max(0, (_time.GetUtcNow() - reading.Timestamp).TotalMilliseconds);
            _latencies.Add(now, latencyMs.Value);
        }

        var cycleMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await TrackSessionsAsync(model, now, cancellationToken).ConfigureAwait(false);
        // A meter not read yet at start is the start-up hold, not a fault: the fallback is announced only once
        // the meter has had its timeout to answer (a quiet start; the demo printed a warning every time).
        _firstCycleAt ??= now;
        var announce = result.GridFallbackActive
            && (!_startupHold || now - _firstCycleAt.Value > TimeSpan.FromSeconds(model.Site.Grid.MeterTimeoutS));
        await AnnounceFallbackAsync(model, grid, announce, cancellationToken).ConfigureAwait(false);
        await AnnounceExpiredLimitsAsync(now, cancellationToken).ConfigureAwait(false);
        await AnnounceReadBacksAsync(model, cancellationToken).ConfigureAwait(false);

        var window = TimeSpan.FromSeconds(Math.Max(1, model.Site.Cloud?.TelemetryIntervalS ?? 10));
        var constraints = ConstraintsView.Of(snapshot.Constraints, LatchedOrUnknown());
        var status = StatusBuilder.Build(model, result, grid, gridStale, _chargerErrors, devices, manual, constraints, now, cycleMs) with
        {
            StartupHold = _startupHold,
            LatencyMs = latencyMs is { } ms ? Math.Round(ms, 3) : null,
            Latency = _latencies.Summarize(now, window),
            ManualLimits = ManualLimitView.Of(manual),
            Peak = _sitePowerTarget.View,
        };
        // Only once the status is built: a cycle that fails in building it is a failed cycle, not one that reset the count.
        var failedBefore = Interlocked.Exchange(ref _consecutiveFailures, 0);
        Volatile.Write(ref _latest, status);
        RaiseCycleCompleted(status, failedBefore);
        return status;
    }

    private DateTimeOffset NextCycleAt(DateTimeOffset started)
    {
        var next = started + _options.Period;
        if (_model is not { } model)
        {
            return next;
        }

        if (model.Site.Grid.Meter is not null)
        {
            next = EarlierWhenStale(_feed.Watch.StaleAt(TimeSpan.FromSeconds(model.Site.Grid.MeterTimeoutS), _currentExpected is [true, ..]), started, next);
        }

        // A circuit's meter alike: that circuit is counted conservatively from the moment it turns stale.
        return EarlierWhenStale(model.CircuitMetersStaleAt(_feed.Circuits, _currentExpected, started), started, next);
    }

    // After the cycle began, not after it ended: a cycle that judged the meter fresh and ended past the stale moment (a loaded
    // machine, or its timer fired a few ms early) is followed at once, not a period later.
    private static DateTimeOffset EarlierWhenStale(DateTimeOffset? stale, DateTimeOffset started, DateTimeOffset next)
    {
        if (stale is { } moment && moment + TimeSpan.FromMilliseconds(1) is var staleAt && staleAt > started && staleAt < next)
        {
            return staleAt;
        }

        return next;
    }

    // Which limits still on their way wait in their driver behind another call to the same charger (docs/control-loop-sessions.md,
    // Session 14, "A cut queued behind an unanswered call"): such a cut cannot reach the car before that call ends, and its answer
    // time holds that wait ("An overdue limit").
    private static void ReadQueuedSends(SiteModel model, DeviceSet devices)
    {
        foreach (var runtime in model.Connectors)
        {
            runtime.SendQueued = runtime.Setpoint is { InFlight: true }
                && devices.Chargers.TryGetValue(runtime.ChargerId, out var charger)
                && charger is IHasQueuedLimits queued
                && queued.IsLimitQueued(runtime.ConnectorId);
            if (runtime.SendQueued)
            {
                runtime.MarkQueued();
            }
        }
    }

    private void ApplyChargerReads(SiteModel model)
    {
        foreach (var (id, read) in _chargerReads.Latest())
        {
            _chargerErrors[id] = read.Error ?? (read.Status is { Online: false } ? "offline" : null);
            var reachable = read.Error is null && read.Status is { Online: true };
            foreach (var index in model.IndexesOf(id))
            {
                model.Connectors[index].Reachable = reachable;
                model.Connectors[index].Disconnected = read.Status is { Online: false };
            }

            if (read.Status is not { } status)
            {
                continue;
            }

            foreach (var reported in status.Connectors)
            {
                if (model.IndexOf(id, reported.ConnectorId) is { } index)
                {
                    Learn(model.Connectors[index], reported, model.ChargerOf(index).Phases);
                }
            }
        }
    }

    // A new report teaches the loop what the car takes; a car newly plugged in starts unknown.
    private void Learn(ConnectorRuntime runtime, ConnectorStatus reported, int wiredPhases)
    {
        runtime.AcceptedLimitValidTo = reported.AcceptedLimitValidTo;
        if (!Plausible.ChargerReport(reported))
        {
            // A value no device can report: this report is unknown, the loop goes on without it.
            return;
        }

        var previous = runtime.Status;
        runtime.Status = reported;
        ReportedLimit.Judge(runtime, _options.FreshReadingAge);
        if (reported.Needs is { } needs && runtime.NeedsSeen?.ReportedAt != needs.ReportedAt)
        {
            runtime.NeedsSeen = (needs.ReportedAt, reported.EnergyWh);
        }

        if (previous is not null && reported.Timestamp <= runtime.Car.ReportAt)
        {
            return;
        }

        var car = previous is null || (previous.State == ConnectorState.Available && reported.State != ConnectorState.Available)
            ? CarDrawModel.Unknown
            : runtime.Car;
        runtime.Car = DrawEstimator.Learn(car, previous, reported, runtime.History, _options.VehicleResponseTime, wiredPhases);
    }

    // Each connector's cap this cycle: the manual limit, during the start-up hold its failsafe current, and a probe's hold.
    private void FillCaps(SiteModel model, IReadOnlyList<ManualLimit> manual, DateTimeOffset now)
    {
        for (var i = 0; i < _capA.Length; i++)
        {
            var runtime = model.Connectors[i];
            var cap = double.PositiveInfinity;
            if (manual.Count > 0 && ManualLimits.For(manual, runtime.ChargerId, runtime.ConnectorId, now) is { } limit)
            {
                cap = limit.MaxCurrentA;
            }

            if (_startupHold)
            {
                cap = Math.Min(cap, SiteModel.FailsafeCurrentA(model.ChargerOf(i)));
            }

            if (LastResortStop.Holds(runtime, now, _options.VehicleResponseTime * 2))
            {
                cap = 0;
            }

            // An order on the connector makes its every limit one the site needs (SetpointState.Needed); a probe's cap does not.
            _ordered[i] = double.IsFinite(cap);

            // A probe of a car's phases holds every limit where it is, and its car a few amperes under (PhaseProbe).
            var probeCapA = _phaseProbe.CapOf(i);
            _probeCapped[i] = probeCapA < cap;
            _capA[i] = Math.Min(cap, probeCapA);
        }
    }

    /// <returns>Whether a cut begun here waits in its driver behind another call to its charger (<see cref="IHasQueuedLimits"/>).</returns>
    private bool SendSetpoints(SiteModel model, DeviceSet devices, SiteSnapshot snapshot, AllocationResult result, DateTimeOffset now)
    {
        var cutQueued = false;
        var allocations = result.Connectors;
        var decreaseOnItsWay = RaisesAtTheCharger.DecreaseOnItsWay(model, snapshot, allocations);
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var runtime = model.Connectors[i];
            var allocation = allocations[i];
            runtime.Reason = runtime.SessionEndedAt is not null && _capA[i] == 0 ? "SessionStopped" : ReasonOf(allocation, _capA[i], _probeCapped[i]);
            var setpoint = runtime.Setpoint;
            // The loop's dead-band holds raises only (issue 13 property 8: no dead-band ever hides a decrease) — and a step of
            // 0.1 A computed in floating point (16 − 15.9 = 0.0999…) fell under it: a one-step cut was never sent, its room counted
            // freed, and the same cut planned again every cycle held every raise of the site.
            var changed = setpoint is null || allocation.LimitA < setpoint.LimitA - 1e-9 || Math.Abs(setpoint.LimitA - allocation.LimitA) >= _options.MinChangeA;
            // A charger that says it is not connected (an OCPP charge point not yet or no longer
            // connected) cannot take a limit: it is counted at what it may hold and gets its limit once
            // it connects — not an error each cycle. One that merely missed a read is still sent to.
            if ((!changed && setpoint!.Confirmed && !ResendsForReadBack(runtime, now)) || runtime.Disconnected || !devices.Chargers.TryGetValue(runtime.ChargerId, out var charger))
            {
                continue;
            }

            // A limit behind a decrease its charger left unanswered for DecreaseAnswerWait goes again (docs/control-loop-sessions.md, Session 14).
            // A phase counted over needs it now: a cut goes past the driver's back-off. A phase read over, a limit the plan's
            // headroom does not show, an order, and a charger already stale need it too: not taken, its charger is (or stays)
            // stale until it confirms a limit (SetpointState.Needed).
            var countedOver = CountedOver.Loads(snapshot, result, i);
            var needed = countedOver || snapshot.Connectors[i].IsStale || Ordered(snapshot, i) || CountedOver.ReadsOverOrUnjudged(snapshot, result, i);

            // A raise at the charger waits while a decrease is on its way (property 8) — not a send that is a cut at the charger
            // whatever it last confirmed: one whose charger holds more than that (its accepted limit lapsing back to its own
            // default, a limit read back higher), one a phase counted over needs now (under the most it may hold, the raise it
            // may not have taken: the others are cut for it meanwhile), or under an order (Session 45's second review). Else a
            // raise its charger did not take, sent again while it is stale (a write that timed out, a charger refusing), is no such
            // cut: the charger may still hold the limit it confirmed before (Session 46).
            var cutAtTheCharger = (countedOver && allocation.LimitA < snapshot.Connectors[i].CommittedA - 1e-9)
                || runtime.ReadBackAboveA is not null || Ordered(snapshot, i)
                || SiteModel.AcceptedLimitLapsing(runtime, now, _options.VehicleResponseTime + _options.Period);
            if (!cutAtTheCharger && decreaseOnItsWay)
            {
                RaisesAtTheCharger.GiveUpQueuedRaise(runtime, allocation.LimitA, charger);
                if (RaisesAtTheCharger.Waits(runtime, allocation.LimitA, changed))
                {
                    continue;
                }
            }

            if (runtime.TryBeginSend(allocation.LimitA, now, _options.UnansweredDecreaseWait, needed) is { Sent: var sent } begun)
            {
                _ = SendAsync(charger, runtime, sent, countedOver, _phaseProbe.PassesBackOff(i, runtime));
                var queued = charger is IHasQueuedLimits queuing && queuing.IsLimitQueued(runtime.ConnectorId);
                cutQueued |= queued && setpoint is not null && sent.LimitA < setpoint.LimitA;

                // One give-up (Session 16): the sends still on their way are given up when the new one goes behind a decrease left
                // unanswered for the wait, or is a cut its one-call-at-a-time driver queued behind the send it supersedes.
                if (begun is { Superseded: { } older, WaitedOut: true })
                {
                    runtime.GiveUp(older, $"no answer within {_options.DecreaseAnswerWait?.TotalSeconds} s: given up", chargersFault: true);
                }
                else if (begun.Superseded is { } superseded && _options.CancelSupersededSend && sent.LimitA < superseded.LimitA && queued)
                {
                    runtime.GiveUp(superseded, $"superseded by the cut to {sent.LimitA} A, which its charger queued behind it: given up");
                }
            }
        }

        return cutQueued;
    }

    // An order holds connector i or the whole site (a manual limit, the start-up hold, a last-resort stop, a curtailment, an emergency
    // stop): the site needs its limit as surely as one a phase counted over needs (SetpointState.Needed).
    private bool Ordered(SiteSnapshot snapshot, int i) =>
        _ordered[i] || snapshot.Constraints is { EmergencyStop: true } or { SiteCapKw: not null } or { PerChargerCapKw: not null };

    // The balancer only knows a connector was at its maximum; the loop knows whose maximum that was.
    private string ReasonOf(ConnectorAllocation allocation, double capA, bool probeCapped) =>
        allocation.Reason == AllocationReason.AtMaximum && double.IsFinite(capA)
            ? (probeCapped ? "PhaseProbe" : _startupHold ? "StartupHold" : "ManualLimit")
            : allocation.Reason.ToString();

    /// <param name="needed">Its connector loads a phase counted over: a cut goes past its driver's back-off (<see cref="IHasLimitBackOff"/>).</param>
    /// <param name="pastBackOff">A probe's stage waits on it: any limit goes past the back-off (<see cref="PhaseProbe.PassesBackOff"/>).</param>
    private async Task SendAsync(ICharger charger, ConnectorRuntime runtime, SetpointState sent, bool needed = false, bool pastBackOff = false)
    {
        // Ended by the write timeout, or given up by a later send before its answer (ConnectorRuntime.GiveUp; Session 16): timed out.
        using var send = new CancellationTokenSource(_options.WriteTimeout, _time);
        runtime.Track(sent, send);
        SetpointResult outcome;
        try
        {
            outcome = await (charger is IHasLimitBackOff backingOff && (pastBackOff || needed)
                ? pastBackOff
                    ? backingOff.SetLimitPastBackOffAsync(runtime.ConnectorId, sent.LimitA, send.Token)
                    : backingOff.SetNeededLimitAsync(runtime.ConnectorId, sent.LimitA, send.Token)
                : charger.SetCurrentLimitAsync(runtime.ConnectorId, sent.LimitA, send.Token)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A driver that throws is a failed delivery, never a stopped loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Each end its own text (docs/control-loop-sessions.md, Session 17): the give-up's, the write timeout's, or the driver's.
            outcome = SetpointResult.Failed(runtime.GivenUpWhy(sent)
                ?? (ex is OperationCanceledException && send.IsCancellationRequested ? $"no answer within {_options.WriteTimeout.TotalSeconds} s" : ex.Message));
        }

        var counted = runtime.CompleteSend(sent, outcome.Outcome, _time.GetUtcNow(), outcome.NotSent);
        if (!counted)
        {
            // Given up for a newer send, or held unsent by its driver: not the charger's failure, no warning, but the reason stays findable.
            LogSendGivenUp(runtime.ChargerId, runtime.ConnectorId, sent.LimitA, outcome.Detail ?? "");
        }

        // Once per change of outcome: a charger that keeps refusing is one warning, not one a cycle.
        if (counted && outcome.Outcome != runtime.SwapLastOutcome(outcome.Outcome) && outcome.Outcome != SetpointOutcome.Accepted)
        {
            LogSetpointNotApplied(runtime.ChargerId, runtime.ConnectorId, sent.LimitA, outcome.Outcome, outcome.Detail ?? "");
        }
    }

    private async Task AnnounceFallbackAsync(SiteModel model, MeterWatch grid, bool fallback, CancellationToken cancellationToken)
    {
        if (fallback == _fallbackAnnounced)
        {
            return;
        }

        _fallbackAnnounced = fallback;
        await _events.RaiseAsync(
            fallback ? EventSeverities.Warning : EventSeverities.Info,
            "grid",
            fallback ? "grid.fallback.started" : "grid.fallback.ended",
            fallback
                ? $"the grid meter is unknown ({grid.LastError ?? "no fresh reading"}): the chargers together are held to {model.Site.Grid.FallbackCurrentA} A per phase"
                : "the grid meter reads again: the fallback limit is lifted",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task AnnounceExpiredLimitsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var expired in _manualLimits.RemoveExpired(now))
        {
            await _events.RaiseAsync(EventSeverities.Info, expired.ChargerId, "charger.manual-limit.expired",
                $"the manual limit of {expired.MaxCurrentA} A on {ManualLimitText.Target(expired.ConnectorId)} lapsed at {expired.ExpiresAt:O}", cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The grid meter reads: the start-up hold at the failsafe currents ends")]
    private partial void LogStartupHoldEnded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} connector {ConnectorId} did not take the limit {LimitA} A: {Outcome} {Detail}")]
    private partial void LogSetpointNotApplied(string chargerId, int connectorId, double limitA, SetpointOutcome outcome, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charger {ChargerId} connector {ConnectorId} did not get the limit {LimitA} A: {Detail}")]
    private partial void LogSendGivenUp(string chargerId, int connectorId, double limitA, string detail);
}
