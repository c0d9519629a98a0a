using System.Diagnostics;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The one place decisions are made: each cycle reads the grid meter and the chargers, asks the
/// balancer for a limit per connector, and sends the limits that changed — to every charger at
/// once, so a slow one never delays the others.
/// </summary>
public sealed partial class ControlLoop : BackgroundService
{
    private readonly SiteConfigurationService _configuration;
    private readonly DeviceRegistry _devices;
    private readonly SiteEventLog _events;
    private readonly SessionTracker _sessions;
    private readonly ISiteConstraintSource _constraints;
    private readonly TimeProvider _time;
    private readonly ControlLoopOptions _options;
    private readonly ILogger<ControlLoop> _logger;
    private readonly LoadAllocator _allocator;
    private readonly GridMeterWatch _grid = new();
    private readonly Dictionary<string, string?> _chargerErrors = new(StringComparer.Ordinal);
    private SiteModel? _model;
    private bool _fallbackAnnounced;
    private SiteStatus? _latest;

    public ControlLoop(
        SiteConfigurationService configuration,
        DeviceRegistry devices,
        SiteEventLog events,
        SessionTracker sessions,
        ISiteConstraintSource constraints,
        IAllocationStrategy strategy,
        TimeProvider time,
        IOptions<ControlLoopOptions> options,
        ILogger<ControlLoop> logger)
    {
        _configuration = configuration;
        _devices = devices;
        _events = events;
        _sessions = sessions;
        _constraints = constraints;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _allocator = new LoadAllocator(strategy);
    }

    /// <summary>Raised after each cycle with the site's status.</summary>
    public event Action<SiteStatus>? CycleCompleted;

    /// <summary>The status after the last cycle; null before the first.</summary>
    public SiteStatus? Latest => Volatile.Read(ref _latest);

    /// <summary>Runs one cycle: measure, decide, command.</summary>
    public async Task<SiteStatus?> RunCycleAsync(CancellationToken cancellationToken)
    {
        if (_configuration.Current is not { } applied)
        {
            return null;
        }

        if (_model is null || _model.Applied != applied)
        {
            _model = SiteModel.Build(applied, _model);
        }

        var model = _model;
        var devices = _devices.Current;
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(ReadGridAsync(model, devices, cancellationToken), ReadChargersAsync(model, devices, cancellationToken)).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        await _sessions.TrackAsync(model, now, cancellationToken).ConfigureAwait(false);

        var gridStale = _grid.IsStale(now, TimeSpan.FromSeconds(model.Site.Grid.MeterTimeoutS));
        var result = _allocator.Allocate(model.Snapshot(now, _grid.Latest, gridStale, _constraints.Current));
        SendSetpoints(model, devices, result, now);
        await AnnounceFallbackAsync(model, result.GridFallbackActive, cancellationToken).ConfigureAwait(false);

        var status = StatusBuilder.Build(model, result, _grid, _chargerErrors, devices, now, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Volatile.Write(ref _latest, status);
        CycleCompleted?.Invoke(status);
        return status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Period, _time);
        do
        {
            try
            {
                await RunCycleAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One bad cycle must not stop the loop; the next one starts from fresh readings.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogCycleFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ReadGridAsync(SiteModel model, DeviceSet devices, CancellationToken cancellationToken)
    {
        if (model.Site.Grid.Meter is not { } meterId || !devices.Meters.TryGetValue(meterId, out var meter))
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadTimeout);
        try
        {
            _grid.Record(await meter.ReadAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is DeviceException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _grid.RecordFailure(ex is DeviceException ? ex.Message : "no answer within the read timeout");
        }
    }

    private async Task ReadChargersAsync(SiteModel model, DeviceSet devices, CancellationToken cancellationToken)
    {
        var reads = devices.Chargers.Values.Select(async charger =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ReadTimeout);
            try
            {
                return (charger.Id, Status: await charger.ReadStatusAsync(timeout.Token).ConfigureAwait(false), Error: (string?)null);
            }
            catch (Exception ex) when (ex is DeviceException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return (charger.Id, Status: (ChargerStatus?)null, Error: ex is DeviceException ? ex.Message : "no answer within the read timeout");
            }
        });

        foreach (var (id, status, error) in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            _chargerErrors[id] = error ?? (status is { Online: false } ? "offline" : null);
            if (status is null)
            {
                continue;
            }

            foreach (var connector in model.Connectors)
            {
                if (connector.ChargerId == id && status.Connectors.FirstOrDefault(c => c.ConnectorId == connector.ConnectorId) is { } reported)
                {
                    connector.Status = reported;
                }
            }
        }
    }

    private void SendSetpoints(SiteModel model, DeviceSet devices, AllocationResult result, DateTimeOffset now)
    {
        var allocations = result.Connectors;
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var runtime = model.Connectors[i];
            var allocation = allocations[i];
            runtime.Reason = allocation.Reason.ToString();
            var changed = runtime.SentLimitA is not { } sent || Math.Abs(sent - allocation.LimitA) >= _options.MinChangeA;
            if ((!changed && runtime.Confirmed) || runtime.SendInFlight || !devices.Chargers.TryGetValue(runtime.ChargerId, out var charger))
            {
                continue;
            }

            runtime.SentLimitA = allocation.LimitA;
            runtime.SentAt = now;
            runtime.Confirmed = false;
            runtime.SendInFlight = true;
            _ = SendAsync(charger, runtime, allocation.LimitA);
        }
    }

    private async Task SendAsync(ICharger charger, ConnectorRuntime runtime, double limitA)
    {
        using var timeout = new CancellationTokenSource(_options.WriteTimeout, _time);
        SetpointResult outcome;
        try
        {
            outcome = await charger.SetCurrentLimitAsync(runtime.ConnectorId, limitA, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A driver that throws is a failed delivery, never a stopped loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = SetpointResult.Failed(ex.Message);
        }

        runtime.Confirmed = outcome.Outcome == SetpointOutcome.Accepted && runtime.SentLimitA == limitA;
        runtime.SendInFlight = false;
        if (outcome.Outcome != SetpointOutcome.Accepted)
        {
            LogSetpointNotApplied(runtime.ChargerId, runtime.ConnectorId, limitA, outcome.Outcome, outcome.Detail ?? "");
        }
    }

    private async Task AnnounceFallbackAsync(SiteModel model, bool fallback, CancellationToken cancellationToken)
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
                ? $"the grid meter is unknown ({_grid.LastError ?? "no fresh reading"}): the chargers together are held to {model.Site.Grid.FallbackCurrentA} A per phase"
                : "the grid meter reads again: the fallback limit is lifted",
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A control cycle failed; the next one starts from fresh readings")]
    private partial void LogCycleFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} connector {ConnectorId} did not take the limit {LimitA} A: {Outcome} {Detail}")]
    private partial void LogSetpointNotApplied(string chargerId, int connectorId, double limitA, SetpointOutcome outcome, string detail);
}
