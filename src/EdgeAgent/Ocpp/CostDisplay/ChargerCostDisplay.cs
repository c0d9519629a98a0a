using System.Collections.Concurrent;
using System.Threading.Channels;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>
/// The price on the charger (docs/pricing.md, "The price on the charger"): for OCPP sessions on
/// chargers that display cost, SetUserPrice when a session with an idTag starts, RunningCost after each
/// energy reading the charger reports and at least once a minute, FinalCost once the stop is recorded
/// (1.6); CostUpdated at least once a minute (2.0.1, I02 — its price, the cost after its readings and the
/// final cost go with the answers to its own messages, Drivers' <c>Ocpp201CostDisplay</c>). Its figures are the cost engine's.
/// Chargers that do not display prices get none of these; whether one does is asked once per connection
/// (<see cref="OcppCostDisplayLink"/>), and never on a site without pricing.
/// </summary>
public sealed partial class ChargerCostDisplay : BackgroundService
{
    /// <summary>The longest a running session's display goes without a RunningCost.</summary>
    public static readonly TimeSpan RunningCostEvery = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly SessionRecorder _recorder;
    private readonly ISessionCostCalculator _prices;
    private readonly OcppCostDisplayLink _link;
    private readonly TimeProvider _time;
    private readonly ILogger<ChargerCostDisplay> _logger;
    private readonly Channel<SessionChange> _changes = Channel.CreateBounded<SessionChange>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // When each running session's display last got a RunningCost, by session id.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRunning = new(StringComparer.Ordinal);

    public ChargerCostDisplay(SessionRecorder recorder, ISessionCostCalculator prices, OcppCostDisplayLink link, TimeProvider time, ILogger<ChargerCostDisplay> logger)
    {
        _recorder = recorder;
        _prices = prices;
        _link = link;
        _time = time;
        _logger = logger;
        recorder.Changed += change => _changes.Writer.TryWrite(change);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FollowChangesAsync(stoppingToken), RefreshRunningAsync(stoppingToken));

    private async Task FollowChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await SafelyAsync(change.Session.ChargerId, () => OnChangeAsync(change, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshRunningAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = _time.GetUtcNow();
                foreach (var session in _recorder.RunningAll(now))
                {
                    // A session not seen before counts from now: its start (or the reading that brought it) has just been shown.
                    if (session.TransactionId is not null && _link.KnownToDisplayCost(session.ChargerId)
                        && now - _lastRunning.GetOrAdd(session.Id, now) >= RunningCostEvery)
                    {
                        await SafelyAsync(session.ChargerId, () => SendRunningCostAsync(session, now, cancellationToken)).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnChangeAsync(SessionChange change, CancellationToken cancellationToken)
    {
        var session = change.Session;
        if (session.TransactionId is not { } transactionId)
        {
            return; // Modbus and simulated chargers have no display to reach.
        }

        if (session.TariffId is null)
        {
            return; // A session without pricing (none on the site) has nothing to display: its charger is not even asked.
        }

        if (!await _link.DisplaysCostAsync(session.ChargerId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (change.Kind == SessionChangeKind.Started)
        {
            _lastRunning[session.Id] = now;
            // A 2.0.1 station got the driver's price with the token's answer (I01).
            if (transactionId.IsNumber && session.IdTag is { } idTag && _prices.PriceAt(session.ChargerId, session.TariffId, now) is { } price)
            {
                await SendAsync(CaliforniaPricingMessages.SetUserPrice(session.ChargerId, idTag, price), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // A 2.0.1 station's readings come in its TransactionEvents, whose answers bring the running cost (and a CostUpdated after them).
        if (change.Kind == SessionChangeKind.Metered && transactionId.IsNumber
            && _recorder.Running(session.ChargerId, session.ConnectorId, now) is { } running && running.Id == session.Id)
        {
            await SendRunningCostAsync(running, now, cancellationToken).ConfigureAwait(false);
        }
        else if (change.Kind == SessionChangeKind.Finished)
        {
            _lastRunning.TryRemove(session.Id, out _);
            // A 2.0.1 station got the final cost in the answer to its Ended (I03).
            if (transactionId.Number is { } number && session.Cost is { } cost)
            {
                await SendAsync(CaliforniaPricingMessages.FinalCost(session.ChargerId, number, cost), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendRunningCostAsync(ChargingSession running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (running.Cost is not { } cost || running.TransactionId is not { } transactionId)
        {
            return;
        }

        if (transactionId.Number is not { } number)
        {
            _lastRunning[running.Id] = now;
            await _link.SendRunningTotalAsync(running.ChargerId, running.ConnectorId, transactionId.Text, cost.Total, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_prices.PriceAt(running.ChargerId, running.TariffId, now) is not { } price)
        {
            return;
        }

        var usage = running.Usage;
        var meterWh = usage.Readings.Count > 0 ? usage.Readings[^1].RegisterWh : 0;
        // Idle now: the snapshot's last idle span is still open (it ends at now).
        var charging = usage.IdleSpans.Count == 0 || usage.IdleSpans[^1].To < now;
        _lastRunning[running.Id] = now;
        await SendAsync(CaliforniaPricingMessages.RunningCost(running.ChargerId, number, now, meterWh, charging, cost, price), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(CostDisplayMessage message, CancellationToken cancellationToken)
    {
        var status = await _link.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (status != "Accepted")
        {
            LogNotAccepted(message.ChargerId, message.MessageId, status);
        }
    }

    // A charger that is offline, slow or answers with an error misses one display update, nothing more.
    private async Task SafelyAsync(string chargerId, Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSendFailed(e, chargerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charger {ChargerId} answered {MessageId} with {Status}")]
    private partial void LogNotAccepted(string chargerId, string messageId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The price display of charger {ChargerId} could not be updated")]
    private partial void LogSendFailed(Exception exception, string chargerId);
}
