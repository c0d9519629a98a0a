using System.Diagnostics.CodeAnalysis;
using ChargeNet.Drivers.Devices;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Keeps the control loop's limits in force on one charge point. Every limit asked for is sent
/// (rounded down to 0.1 A); the control loop owns the only dead-band. Only a limit identical on the
/// wire to the accepted one still within its refresh period is not sent again. Accepted limits are
/// sent again before their validTo lapses; a rejected or failed one is sent again with a doubling
/// back-off (a lower limit goes out at once all the same, a refused cut again after <see cref="Ports.OcppChargerSettings.LimitCutRetry"/>: <see cref="OcppLimitBackOff"/>),
/// and all of them after a (re)connect.
/// One event per connector per change of outcome, none while the charge point is not connected.
/// The same for every OCPP version: only the send itself is the version's (<see cref="IOcppProtocol.SendLimitAsync"/>).
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the server; the gate's wait handle is never asked for and the timer only holds a callback.")]
public sealed class OcppLimitKeeper
{
    private readonly OcppChargePoint _chargePoint;
    private readonly OcppCentralSystemContext _context;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, OcppLimitRecord> _limits = [];
    private readonly Dictionary<int, SetpointOutcome> _reported = [];
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Dictionary<int, int> _queued = [];
    private readonly Dictionary<int, long> _latestAsk = []; // per connector, the number of the latest set (WithdrawUnsent)
    private long _asks;
    private int? _sending; // the connector whose limit is being sent, gate held, until its answer is recorded
    private bool _sendOnWire; // whether that send has had its turn on the connection
    private readonly ITimer _timer;
    private readonly Lock _timerLock = new();
    private DateTimeOffset? _timerDueAt;

    internal OcppLimitKeeper(OcppChargePoint chargePoint, OcppCentralSystemContext context)
    {
        _chargePoint = chargePoint;
        _context = context;
        _timer = context.Time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// When the keeper's timer fires next (the earliest refresh or retry), null when it is not set.
    /// Set only once the timer is armed, so a test on a fake clock waits for it before moving the clock.
    /// </summary>
    public DateTimeOffset? TimerDueAt
    {
        get
        {
            lock (_timerLock)
            {
                return _timerDueAt;
            }
        }
    }

    /// <summary>The limit record of every connector the control loop has set.</summary>
    public IReadOnlyList<OcppLimitRecord> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _limits.Values.OrderBy(l => l.ConnectorId)];
            }
        }
    }

    /// <summary>
    /// A limit asked for this connector waits for the gate behind another call (a set, or the keeper's own retry or
    /// refresh, still unanswered), or holds the gate but waits on the connection behind a call that is not a limit (a
    /// configuration key, a trigger, a relayed call): not sent yet (docs/control-loop-sessions.md, Session 14, "A cut queued behind an
    /// unanswered call").
    /// </summary>
    public bool IsQueued(int connectorId)
    {
        lock (_lock)
        {
            return _queued.ContainsKey(connectorId) || (_sending == connectorId && !_sendOnWire);
        }
    }

    public OcppLimitRecord? Get(int connectorId)
    {
        lock (_lock)
        {
            return _limits.GetValueOrDefault(connectorId);
        }
    }

    /// <summary>
    /// Sets the limit of a connector and says honestly what became of it: Accepted only when the
    /// charge point accepted this limit (now, or before and still within its refresh period);
    /// during a back-off a limit that is not lower than the one last tried is not sent and the
    /// last outcome (Rejected or Failed) is returned.
    /// </summary>
    public Task<SetpointResult> SetAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, BackOffPass.None, cancellationToken);

    /// <summary>
    /// As <see cref="SetAsync(int, double, CancellationToken)"/> for a limit the site needs now (a phase counted over): a cut
    /// is not held by the back-off (docs/control-loop-sessions.md, Session 19, "A needed cut past the back-off").
    /// </summary>
    public Task<SetpointResult> SetNeededAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, BackOffPass.Cut, cancellationToken);

    /// <summary>
    /// As <see cref="SetAsync(int, double, CancellationToken)"/> for a limit the whole site waits on (a probe's stage): not held by
    /// the back-off, raise or cut (<see cref="IHasLimitBackOff.SetLimitPastBackOffAsync"/>).
    /// </summary>
    public Task<SetpointResult> SetPastBackOffAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, BackOffPass.Any, cancellationToken);

    private async Task<SetpointResult> SetAsync(int connectorId, double limitA, BackOffPass pass, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(limitA) || limitA < 0)
        {
            return SetpointResult.Rejected($"A limit must be a finite number of amperes ≥ 0, not {limitA}.");
        }

        var sendable = (double)OcppLimitRounding.ToSendable(limitA);
        var now = _context.Time.GetUtcNow();
        OcppLimitRecord? previous;
        bool sending;
        long ask;
        lock (_lock)
        {
            previous = _limits.GetValueOrDefault(connectorId);
            sending = _sending == connectorId || _queued.ContainsKey(connectorId);
            _limits[connectorId] = (previous ?? new OcppLimitRecord(connectorId, limitA, null, null, null, null)) with { RequestedA = limitA };
            _latestAsk[connectorId] = ask = ++_asks;
        }

        // While a limit of this connector is on its way (or waits for its turn), the record says what was in force before it: the
        // answer may change that (a raise taken), so nothing is answered from it until then — the check within the gate does.
        var cutRetry = CutRetry(pass);
        return (sending ? null : NotToSend(previous, sendable, now, cutRetry, pass))
            ?? await SendAsync(connectorId, limitA, ask, cutRetry, pass, cancellationToken).ConfigureAwait(false);
    }

    // A raise given up before its profile reached the connection (it waited for the gate, or on the connection behind another call)
    // was never asked of the charger: the record asks again for the limit that last went out, so that the keeper's own refresh, retry
    // or resend after a reconnect does not send the raise later by itself — one the control loop withdrew while a decrease was on its
    // way would reach the charger beside that decrease (property 8; docs/ocpp.md, "A call given up"). Only where no later set was
    // asked since (it stands, whatever its value: a same-valued set sent again after the wait is not this one), and not for a cut,
    // which is safe to send at any time. A connector nothing ever went out to is forgotten. The caller holds _lock.
    private void WithdrawUnsent(int connectorId, double limitA, long ask)
    {
        if (_latestAsk.GetValueOrDefault(connectorId) != ask || _limits.GetValueOrDefault(connectorId) is not { } record)
        {
            return;
        }

        if (record.SentA is { } wentOutA)
        {
            if (limitA > wentOutA)
            {
                _limits[connectorId] = record with { RequestedA = wentOutA };
            }
        }
        else if (record.Outcome is null)
        {
            _limits.Remove(connectorId);
        }
    }

    // How soon a refused cut may go again: at once when it is needed now (or the site waits on any limit), else as the settings say (null: the back-off).
    private TimeSpan? CutRetry(BackOffPass pass) => pass == BackOffPass.None ? _chargePoint.Settings.LimitCutRetry : TimeSpan.Zero;

    /// <summary>What to answer without a send: the same value on the wire in force, or one held during its back-off (<see cref="OcppLimitBackOff"/>).</summary>
    private static SetpointResult? NotToSend(OcppLimitRecord? previous, double sendable, DateTimeOffset now, TimeSpan? cutRetry, BackOffPass pass)
    {
        if (previous is { Outcome: SetpointOutcome.Accepted, Capped: false, NextSendAt: { } refreshAt } && previous.SentA == sendable && now < refreshAt)
        {
            return SetpointResult.Accepted; // the same value on the wire is in force: nothing new to say
        }

        // One rule for what the back-off holds (OcppLimitBackOff.Holds), and the answer marked unsent for the loop.
        return pass != BackOffPass.Any && previous is not null && OcppLimitBackOff.Holds(previous, sendable, now, cutRetry)
            ? SetpointResult.HeldBack(previous.Outcome!.Value, $"not sent again before {previous.NextSendAt:O} (back-off after {previous.FailuresInARow} attempts); last: {previous.Detail}")
            : null;
    }

    /// <summary>
    /// Stops keeping the limit of a connector (it is neither refreshed nor sent again); the caller clears
    /// it on the charger. Waits for a send in progress, which would otherwise record the limit again.
    /// </summary>
    public async Task ForgetAsync(int connectorId, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        bool closesAlarm;
        try
        {
            lock (_lock)
            {
                _limits.Remove(connectorId);
                _latestAsk.Remove(connectorId);
                closesAlarm = _reported.Remove(connectorId, out var outcome) && outcome != SetpointOutcome.Accepted && !AnyNotApplied(except: connectorId);
            }
        }
        finally
        {
            _sendGate.Release();
        }

        if (closesAlarm && _chargePoint.IsConnected)
        {
            // The charger's alarm waited for this connector alone (ReportChangeAsync): its limit is no longer kept, so nothing is left not applied.
            await _context.PublishAsync("info", _chargePoint.Id, "ocpp.limit-applied", $"Connector {connectorId}: its limit is no longer kept (cleared)", cancellationToken).ConfigureAwait(false);
        }

        Reschedule();
    }

    /// <summary>
    /// Has the timer send a connector's limit again at once: the profile that carried it may be gone (an OCPP 2.0.1 station deletes
    /// a TxProfile when its transaction ends, K01, and a remote start's TxProfile took the EVSE's profile id, K05). Nothing when
    /// the edge keeps no limit there.
    /// </summary>
    public void SendAgainSoon(int connectorId)
    {
        lock (_lock)
        {
            if (_limits.GetValueOrDefault(connectorId) is not { } record)
            {
                return;
            }

            _limits[connectorId] = record with { NextSendAt = _context.Time.GetUtcNow() };
        }

        Reschedule();
    }

    /// <summary>
    /// A transaction on a connector ended: where the limit it last accepted went as that transaction's TxProfile, the charger has
    /// deleted it (OCPP 1.6 section 3.13.2, OCPP 2.0.1 K01) and is on its own default — the limit lapses now, whatever its validTo
    /// said (the control loop counts such a connector at its maximum until a new one is accepted: docs/control-loop.md,
    /// "Failsafes", a limit that lapses), and goes again at once. Nothing where it went as a TxDefaultProfile or another transaction's.
    /// </summary>
    /// <returns>Whether the limit lapsed (and goes again).</returns>
    public bool TransactionEnded(int connectorId, string transactionId)
    {
        lock (_lock)
        {
            if (_limits.GetValueOrDefault(connectorId) is not { TransactionId: { } bound } record || bound != transactionId)
            {
                return false;
            }

            var now = _context.Time.GetUtcNow();
            _limits[connectorId] = record with { ValidTo = now, NextSendAt = now, TransactionId = null };
        }

        Reschedule();
        return true;
    }

    /// <summary>
    /// The charger went away, last heard from at <paramref name="lastContact"/>: a transaction may end there unseen, and with it the
    /// TxProfile that carried a limit (OCPP 2.0.1 K01, 1.6 section 3.13.2), the charger — and the next car — then on its own
    /// default. So each limit that went as one lapses at the last contact (the control loop counts it at its maximum: docs/ocpp.md,
    /// "How limits are sent") until the charger accepts one again; a TxDefaultProfile outlives transactions and holds to its validTo.
    /// It stays bound to its transaction: that transaction's Ended, replayed on the reconnect, still has it sent again.
    /// </summary>
    public void ConnectionLost(DateTimeOffset lastContact)
    {
        lock (_lock)
        {
            foreach (var (connectorId, record) in _limits.Where(l => l.Value is { TransactionId: not null } r && !(r.ValidTo <= lastContact)).ToList())
            {
                _limits[connectorId] = record with { ValidTo = lastContact };
            }
        }
    }

    /// <summary>
    /// Sends every requested limit again (after a reconnect or an accepted boot): each as it is once the gate is held, and none
    /// forgotten meanwhile (a cleared limit sent again would be kept again).
    /// </summary>
    public async Task ResendAllAsync(CancellationToken cancellationToken)
    {
        foreach (var connectorId in All.Select(r => r.ConnectorId))
        {
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Get(connectorId) is { } record)
                {
                    await SendHeldAsync(connectorId, record.RequestedA, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendGate.Release();
            }
        }
    }

    private async Task<SetpointResult> SendAsync(int connectorId, double limitA, long ask, TimeSpan? cutRetry, BackOffPass pass, CancellationToken cancellationToken)
    {
        try
        {
            await WaitForGateAsync(connectorId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                WithdrawUnsent(connectorId, limitA, ask);
            }

            throw;
        }

        try
        {
            // The timer's retry or refresh may have settled this value while this send waited for the gate: sent
            // again, a charger that takes one profile in two (or rejects after an accept) is left Rejected.
            return NotToSend(Get(connectorId), (double)OcppLimitRounding.ToSendable(limitA), _context.Time.GetUtcNow(), cutRetry, pass)
                ?? await SendHeldAsync(connectorId, limitA, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Given up by its caller, perhaps once sent: the charger may still apply it, so the limit accepted before no longer vouches
            // for what is in force, and the same value asked again is sent, not answered from the record (docs/ocpp.md, "A call given up").
            lock (_lock)
            {
                if (!_sendOnWire)
                {
                    WithdrawUnsent(connectorId, limitA, ask);
                }
                else if (_limits.GetValueOrDefault(connectorId) is { Outcome: SetpointOutcome.Accepted } vouched)
                {
                    _limits[connectorId] = vouched with { Outcome = null };
                }
            }

            throw;
        }
        finally
        {
            lock (_lock)
            {
                _sending = null; // answered from the record within the gate, or sent and recorded
            }

            _sendGate.Release();
        }
    }

    // The gate, counted as queued for the connector while another call holds it, and as sending once it holds it (in the same
    // lock: no moment in between when a set could answer from the record).
    private async Task WaitForGateAsync(int connectorId, CancellationToken cancellationToken)
    {
        if (_sendGate.Wait(0, CancellationToken.None))
        {
            lock (_lock)
            {
                (_sending, _sendOnWire) = (connectorId, false);
            }

            return;
        }

        lock (_lock)
        {
            _queued[connectorId] = _queued.GetValueOrDefault(connectorId) + 1;
        }

        var held = false;
        try
        {
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            held = true;
        }
        finally
        {
            lock (_lock)
            {
                if (--_queued[connectorId] == 0)
                {
                    _queued.Remove(connectorId);
                }

                if (held)
                {
                    (_sending, _sendOnWire) = (connectorId, false);
                }
            }
        }
    }

    /// <summary>
    /// The timer's send: the requested limit, only if it is still due once the gate is held. A set, or
    /// an earlier firing of the timer, may have sent it while this one waited; sending it again would
    /// be one profile more than the back-off allows.
    /// </summary>
    private async Task SendIfDueAsync(int connectorId)
    {
        await _sendGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (Get(connectorId) is { NextSendAt: { } at } record && at <= _context.Time.GetUtcNow())
            {
                await SendHeldAsync(connectorId, record.RequestedA, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    // The caller holds _sendGate.
    private async Task<SetpointResult> SendHeldAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        var settings = _chargePoint.Settings;
        var connected = _chargePoint.IsConnected && _chargePoint.Protocol is not null;
        var sentAt = _context.Time.GetUtcNow();
        var transactionBefore = _chargePoint.GetConnector(connectorId).TransactionId;
        lock (_lock)
        {
            (_sending, _sendOnWire) = (connectorId, false);
        }

        OcppLimitSend send;
        try
        {
            send = connected
                ? await _chargePoint.Protocol!.SendLimitAsync(_chargePoint, connectorId, limitA, () => OnWire(connectorId), cancellationToken).ConfigureAwait(false)
                : new OcppLimitSend(SetpointResult.Failed($"{_chargePoint.Id} is not connected."), (double)OcppLimitRounding.ToSendable(limitA), null);
        }
        catch
        {
            lock (_lock)
            {
                _sending = null;
            }

            throw;
        }

        var (result, sentA) = (send.Result, send.SentA);
        var now = _context.Time.GetUtcNow();
        OcppLimitRecord record;
        lock (_lock)
        {
            var before = _limits.GetValueOrDefault(connectorId);
            record = result.Outcome == SetpointOutcome.Accepted
                ? new OcppLimitRecord(connectorId, before?.RequestedA ?? limitA, sentA, result.Outcome, null, now, send.ValidTo, sentA, 0, now + settings.LimitRefreshPeriod) { TransactionId = send.TransactionId, Capped = send.Capped }
                : new OcppLimitRecord(connectorId, before?.RequestedA ?? limitA, sentA, result.Outcome, result.Detail, now, before?.ValidTo, before?.ConfirmedA, (before?.FailuresInARow ?? 0) + 1, null)
                {
                    // A TxProfile left unanswered may be in force on the charger: bound to its transaction, whose end then lapses the
                    // record (the charger deletes the profile with it). Refused, it never was: the record stays as it was.
                    TransactionId = result.Outcome == SetpointOutcome.Failed ? send.TransactionId ?? before?.TransactionId : before?.TransactionId,
                };
            if (result.Outcome != SetpointOutcome.Accepted)
            {
                record = record with { NextSendAt = now + RetryDelay(record.FailuresInARow) };
            }
            else if (send.TransactionId is not null && _chargePoint.GetConnector(connectorId).TransactionId != transactionBefore)
            {
                // A TxProfile taken for a transaction that ended before its answer was read: the charger deleted it with the
                // transaction (TransactionEnded found no record bound to it yet) and is on its own default — lapsed, and sent again.
                record = record with { ValidTo = now, NextSendAt = now, TransactionId = null };
            }

            _limits[connectorId] = record with { SentAt = sentAt };
            _sending = null; // with the answer recorded: a set from now on reads it
        }

        if (connected && _chargePoint.IsConnected)
        {
            // Not when the connection closed meanwhile (a takeover, a shutdown): its calls end unanswered, no charger's fault.
            await ReportChangeAsync(record, cancellationToken).ConfigureAwait(false);
        }

        Reschedule();
        return result;
    }

    private void OnWire(int connectorId)
    {
        lock (_lock)
        {
            _sendOnWire |= _sending == connectorId;
        }
    }

    /// <summary>The back-off after <paramref name="failures"/> sends in a row were not applied: min, 2×min, 4×min … up to max.</summary>
    private TimeSpan RetryDelay(int failures)
    {
        var settings = _chargePoint.Settings;
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(settings.LimitRetryMin.Ticks * factor, settings.LimitRetryMax.Ticks));
    }

    // Whether a connector other than `except` was last told not applied: the charger's alarm stays open. The caller holds _lock.
    private bool AnyNotApplied(int except) => _reported.Any(r => r.Key != except && r.Value != SetpointOutcome.Accepted);

    /// <summary>
    /// One event when a connector's outcome changes (not applied, or applied again), not one per send. Applied again is told only once
    /// no other connector of the charger is left not applied: an event names the charger, not the connector (docs/mqtt.md), and the
    /// fleet view pairs the two by it, so one connector's recovery would have closed the charger's alarm while another's limit was
    /// still refused.
    /// </summary>
    private async Task ReportChangeAsync(OcppLimitRecord record, CancellationToken cancellationToken)
    {
        var outcome = record.Outcome!.Value;
        bool othersNotApplied;
        lock (_lock)
        {
            var before = _reported.GetValueOrDefault(record.ConnectorId, SetpointOutcome.Accepted);
            if (before == outcome)
            {
                return;
            }

            _reported[record.ConnectorId] = outcome;
            othersNotApplied = AnyNotApplied(except: record.ConnectorId);
        }

        if (outcome == SetpointOutcome.Accepted)
        {
            if (othersNotApplied)
            {
                return;
            }

            await _context.PublishAsync("info", _chargePoint.Id, "ocpp.limit-applied", $"Connector {record.ConnectorId}: limit {record.SentA} A applied again", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _context.PublishAsync("warning", _chargePoint.Id, "ocpp.limit-not-applied", $"Connector {record.ConnectorId}: limit {record.SentA} A not applied ({outcome}): {record.Detail}; sent again with back-off", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the timer to the earliest refresh or retry; none while the charge point is not connected (a reconnect sends everything).</summary>
    private void Reschedule()
    {
        lock (_timerLock)
        {
            DateTimeOffset? next;
            lock (_lock)
            {
                next = _limits.Values.Select(r => r.NextSendAt).Where(t => t is not null).Min();
            }

            next = _chargePoint.IsConnected ? next : null;
            if (next == _timerDueAt)
            {
                // Already armed for it: arming again would count the delay from a later "now" and move it.
                return;
            }

            _timerDueAt = next;
            // Whole milliseconds, rounded up: timers count milliseconds, and one that fired before its
            // time would find nothing due and arm itself again at once.
            var due = next is { } at ? TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(0, (at - _context.Time.GetUtcNow()).TotalMilliseconds))) : Timeout.InfiniteTimeSpan;
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_timerLock)
        {
            _timerDueAt = null;
        }

        _ = SendDueAsync();
    }

    private async Task SendDueAsync()
    {
        try
        {
            var now = _context.Time.GetUtcNow();
            foreach (var record in All.Where(r => r.NextSendAt <= now))
            {
                if (!_chargePoint.IsConnected)
                {
                    return;
                }

                await SendIfDueAsync(record.ConnectorId).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A timer callback has nobody to throw to: log, and the next set or reconnect tries again.
            OcppLog.ChargePointWarning(_context.LoggerFactory.CreateLogger<OcppServer>(), _chargePoint.Id, "limit refresh failed: " + e.Message);
        }

        Reschedule();
    }
}
