using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Enforces the sessions' budgets (docs/pricing.md, "Budgets"): after each energy reading a session's
/// charger reports, and every <see cref="CheckEvery"/> (time and idle fees grow without readings), a
/// session with a budget is checked against its energy and running cost; once either reaches the
/// budget, that is stored with the session, an event raised, and the charger asked to stop
/// (RemoteStopTransaction, through <see cref="ChargerOperations"/>), again every
/// <see cref="StopAgainAfter"/> while the session stays open (a charger offline or refusing). A session
/// the edge derived (Modbus, simulated: no transaction) is held paused instead (<see cref="BudgetPause"/>)
/// until the car leaves.
/// </summary>
public sealed partial class SessionBudgetWatch : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StopAgainAfter = TimeSpan.FromSeconds(30);

    private readonly SessionRecorder _recorder;
    private readonly ChargerOperations _operations;
    private readonly SiteEventLog _events;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionBudgetWatch> _logger;
    private readonly BudgetPause? _pause;

    // One reader: a session is never checked twice at once, so it is marked and stopped once.
    private readonly Channel<(string Charger, int Connector)> _due = Channel.CreateBounded<(string, int)>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // When the charger was last asked to stop each session, by session id.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _stopAsked = new(StringComparer.Ordinal);

    /// <param name="pause">How a derived session is stopped; without it such sessions' budgets are not enforced.</param>
    public SessionBudgetWatch(SessionRecorder recorder, ChargerOperations operations, SiteEventLog events, TimeProvider time, ILogger<SessionBudgetWatch> logger, BudgetPause? pause = null)
    {
        _pause = pause;
        _recorder = recorder;
        _operations = operations;
        _events = events;
        _time = time;
        _logger = logger;
        recorder.Changed += OnChanged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Sessions running when the daemon stopped keep their budgets (stored with them).
            var open = await _recorder.LoadOpenAsync(stoppingToken).ConfigureAwait(false);
            _pause?.LiftEnded(open);
            await Task.WhenAll(CheckDueAsync(stoppingToken), TickAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnChanged(SessionChange change)
    {
        var session = change.Session;
        if (change.Kind == SessionChangeKind.Finished)
        {
            _stopAsked.TryRemove(session.Id, out _);
            _pause?.Lift(session, _time.GetUtcNow());
        }
        else if (session.Budget is { Bounds: true }) // a start's needs alone bound nothing
        {
            _due.Writer.TryWrite((session.ChargerId, session.ConnectorId));
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var session in _recorder.RunningAll(_time.GetUtcNow()).Where(s => s.Budget is { Bounds: true }))
            {
                _due.Writer.TryWrite((session.ChargerId, session.ConnectorId));
            }
        }
    }

    private async Task CheckDueAsync(CancellationToken cancellationToken)
    {
        await foreach (var (charger, connector) in _due.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(charger, connector, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e, charger, connector);
            }
        }
    }

    private async Task CheckAsync(string chargerId, int connectorId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_recorder.Running(chargerId, connectorId, now) is not { Budget: { } budget } running || (running.TransactionId is null && _pause is null))
        {
            return; // No budget, or a session the edge cannot stop.
        }

        if (budget.ReachedAt is null)
        {
            var energyWh = running.Usage.DeliveredWh;
            if (!budget.IsReachedBy(energyWh, running.Cost?.Total) || !await _recorder.BudgetReachedAsync(running, now, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await _events.RaiseAsync(EventSeverities.Info, chargerId, "session.budget.reached",
                $"Session {running.Id} on {chargerId} connector {connectorId} reached its budget ({Describe(budget)}) at {energyWh.ToString("0.#", CultureInfo.InvariantCulture)} Wh"
                + (running.Cost is { } cost ? $", {cost.Total.ToString("0.00", CultureInfo.InvariantCulture)} {cost.Currency}" : "")
                + (running.TransactionId is null ? "; pausing the charger until the car leaves" : "; stopping it"),
                cancellationToken).ConfigureAwait(false);
        }

        if (_stopAsked.TryGetValue(running.Id, out var asked) && now - asked < StopAgainAfter)
        {
            return;
        }

        _stopAsked[running.Id] = now;
        if (running.TransactionId is not { } transactionId)
        {
            _pause!.Hold(running, now);
            return;
        }

        var result = await _operations.StopSessionAsync(chargerId, null, transactionId.Text, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            LogStopNotDone(chargerId, running.Id, result.Message);
        }
    }

    private static string Describe(SessionBudget budget) => string.Join(", ", new[]
    {
        budget.MaxCost is { } cost ? $"maxCost {cost.ToString(CultureInfo.InvariantCulture)}" : null,
        budget.MaxEnergyWh is { } energy ? $"maxEnergyWh {energy.ToString(CultureInfo.InvariantCulture)}" : null,
    }.OfType<string>());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} did not stop session {SessionId} at its budget: {Reason}; asked again later")]
    private partial void LogStopNotDone(string chargerId, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The budget of the session on {ChargerId} connector {ConnectorId} could not be checked")]
    private partial void LogCheckFailed(Exception exception, string chargerId, int connectorId);
}
