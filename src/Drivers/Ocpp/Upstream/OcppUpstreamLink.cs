using System.Collections.Concurrent;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// One charger's connection to the upstream central system while the charger is connected to the
/// edge: opened at once, opened again with a doubling back-off when it fails, and the charger's
/// queued messages delivered on it in their order, each once (docs/upstream.md, "Outages and replay").
/// </summary>
public sealed class OcppUpstreamLink : IAsyncDisposable
{
    // The heartbeat interval when the upstream's Accepted boot answer gives 0, or none came on this link
    // (after an edge restart a charger whose boot the edge kept does not boot again).
    private static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromMinutes(5);

    private readonly string _id;
    private readonly Func<OcppUpstreamLink, IOcppCallHandler> _upstreamCalls;
    private readonly IOcppProtocol _protocol;
    private readonly OcppUpstreamTarget _target;
    private readonly OcppUpstreamRelay _relay;
    private readonly OcppUpstreamRules _rules;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement?>> _waiters = new();
    private readonly Lock _stateLock = new();
    private readonly OcppUpstreamHeartbeats _heartbeats;
    private OcppUpstreamState _state = new(false, null, null);
    private OcppRpcConnection? _connection;
    private volatile bool _nothingToDrop;
    private int _doneSinceForget;
    private Task _run = Task.CompletedTask;

    /// <param name="id">The charger's id at the edge.</param>
    /// <param name="upstreamCalls">What answers the upstream's calls on this link (the charger through the relay, or a virtual charger).</param>
    internal OcppUpstreamLink(string id, IOcppProtocol protocol, OcppUpstreamTarget target, OcppUpstreamRelay relay, Func<OcppUpstreamLink, IOcppCallHandler> upstreamCalls)
    {
        _id = id;
        _upstreamCalls = upstreamCalls;
        _protocol = protocol;
        _target = target;
        _relay = relay;
        _rules = OcppUpstreamRules.For(protocol.Version);
        _logger = relay.Context.LoggerFactory.CreateLogger<OcppUpstreamLink>();
        _heartbeats = new OcppUpstreamHeartbeats(relay.Context.Time);
    }

    public OcppUpstreamRules Rules => _rules;

    public OcppUpstreamState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// The heartbeat interval the upstream gave in its last Accepted boot answer (5 minutes when it
    /// gave 0); null before one (the link then heartbeats every 5 minutes). The link keeps it
    /// (<see cref="OcppUpstreamHeartbeats"/>), not the charger.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; private set; }

    /// <summary>The upstream answered the charger's last boot Pending or Rejected: it gets nothing but that boot again until it accepts ([OCPP 1.6] section 4.2).</summary>
    private bool NotRegistered => State.Registration is "Pending" or "Rejected";

    private TimeProvider Time => _relay.Context.Time;

    internal void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Queues a charger's message for the upstream and waits, at most the answer timeout, for the
    /// upstream's answer to it (every message queued before it goes first). Null when it does not
    /// come in time, the upstream is down, or the charger had sent this message before.
    /// </summary>
    public async Task<JsonElement?> QueueAsync(string action, JsonElement payload, string? edgeTransactionId, string key, CancellationToken cancellationToken)
    {
        var message = await _relay.Outbox.AddAsync(_id, action, payload.GetRawText(), edgeTransactionId, key, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return null;
        }

        Update(s => s with { Queued = s.Queued + 1 });
        await KeepBoundAsync(message, cancellationToken).ConfigureAwait(false);
        var answer = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[message.Sequence] = answer;
        _wake.Release();
        try
        {
            // Down, or not registered (only the boot goes up until it is accepted): the edge answers at once.
            return Volatile.Read(ref _connection) is null || NotRegistered
                ? null
                : await answer.Task.WaitAsync(_target.AnswerTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null; // it stays queued and goes up later; the charger has the edge's answer meanwhile
        }
        finally
        {
            _waiters.TryRemove(message.Sequence, out _);
        }
    }

    /// <summary>
    /// Holds the charger's queue to its bound (docs/upstream.md, "Retention"): past it, the oldest
    /// waiting message that belongs to no transaction is dropped, with an event. Transaction messages
    /// are never dropped, so a queue of only those may grow past it.
    /// </summary>
    private async Task KeepBoundAsync(OcppUpstreamMessage added, CancellationToken cancellationToken)
    {
        if (added.EdgeTransactionId is null)
        {
            _nothingToDrop = false; // a message that may be dropped is waiting again
        }

        var max = _relay.Options.MaxQueued;
        if (State.Queued <= max || _nothingToDrop)
        {
            return;
        }

        if (await _relay.Outbox.DropOldestAsync(_id, cancellationToken).ConfigureAwait(false) is not { } dropped)
        {
            _nothingToDrop = true; // looked once: no need to look again until one is queued
            return;
        }

        Update(s => s with { Queued = Math.Max(0, s.Queued - 1) });
        await _relay.PublishAsync("warning", _id, "upstream.dropped",
            $"the upstream queue holds more than {max} messages: dropped the oldest that belongs to no transaction, a {dropped.Action} queued at {dropped.QueuedAt:O}").ConfigureAwait(false);
        await ForgetDoneAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One more message done (delivered or dropped): every tenth of <see cref="OcppUpstreamOptions.KeepDone"/>
    /// the outbox forgets those past it, so the store holds a bounded number per charger (docs/upstream.md, "Retention").
    /// </summary>
    private async Task ForgetDoneAsync(CancellationToken cancellationToken)
    {
        var keep = _relay.Options.KeepDone;
        if (Interlocked.Increment(ref _doneSinceForget) % Math.Max(1, keep / 10) == 0)
        {
            await _relay.Outbox.ForgetDoneAsync(_id, keep, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the upstream now; null when it is down, refuses the call or does not answer within the answer timeout.</summary>
    public async Task<JsonElement?> CallLiveAsync(string action, JsonElement payload, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is not { } connection || NotRegistered)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(_target.AnswerTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            _heartbeats.Sent();
            return await connection.CallAsync(action, payload, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OcppRpcException || (e is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            OcppLog.ChargePointInfo(_logger, _id, $"upstream: {action} answered by the edge ({e.Message})");
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _connection) is { } connection)
        {
            await connection.CloseAsync(1000, "the charger disconnected", CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var waiting = await _relay.Outbox.CountAsync(_id, cancellationToken).ConfigureAwait(false);
        Update(s => s with { Queued = waiting });
        var delay = _relay.Options.ReconnectMin;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var transport = await OcppUpstreamConnector.ConnectAsync(_target, _protocol.Version, _relay.Context.Options.MaxMessageBytes, _relay.Options.KeepAlive, cancellationToken).ConfigureAwait(false);
                var connection = new OcppRpcConnection(transport, _upstreamCalls(this), _protocol.Validator, _relay.Options.Rpc, Time, _logger, _protocol.Version);
                await using (connection.ConfigureAwait(false))
                {
                    delay = _relay.Options.ReconnectMin;
                    await RunConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The message of a failed upgrade names the URL and the status, never the Authorization header.
                await ChangeStateAsync(false, "could not connect: " + e.Message).ConfigureAwait(false);
            }

            await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _relay.Options.ReconnectMax.Ticks));
        }
    }

    private async Task RunConnectionAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _connection, connection);
        await ChangeStateAsync(true, null).ConfigureAwait(false);
        using var delivering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivery = Task.Run(() => DeliverAsync(connection, delivering.Token), CancellationToken.None);
        var keepAlive = Task.Run(() => _heartbeats.RunAsync(() => NotRegistered ? null : HeartbeatInterval ?? DefaultHeartbeatInterval, ct => HeartbeatAsync(connection, ct), delivering.Token), CancellationToken.None);
        var reason = "closed";
        try
        {
            await connection.RunAsync(cancellationToken).ConfigureAwait(false);
            reason = await connection.Closed.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _connection, null);
            await delivering.CancelAsync().ConfigureAwait(false);
            foreach (var worker in new[] { delivery, keepAlive })
            {
                try
                {
                    await worker.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The connection ended.
                }
            }

            await ChangeStateAsync(false, "closed: " + reason).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the queued messages one at a time, oldest first; each is marked delivered once the
    /// upstream answered it. A boot the upstream answers Pending or Rejected stays first and goes
    /// again, under a new message id, after the interval the upstream gave.
    /// </summary>
    private async Task DeliverAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        var outbox = _relay.Outbox;
        var waiting = await outbox.CountAsync(_id, cancellationToken).ConfigureAwait(false);
        Update(s => s with { Queued = waiting });
        OcppUpstreamReplay? replay = null;
        if (waiting > 0)
        {
            replay = new OcppUpstreamReplay(waiting, Time.GetUtcNow());
            var oldest = await outbox.OldestAsync(_id, cancellationToken).ConfigureAwait(false);
            await _relay.PublishAsync("info", _id, "upstream.replay-started", replay.StartMessage(oldest?.QueuedAt)).ConfigureAwait(false);
        }

        long bootSentBefore = -1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await outbox.OldestAsync(_id, cancellationToken).ConfigureAwait(false) is not { } message)
            {
                Update(s => s with { Queued = 0 });
                if (replay is not null)
                {
                    await _relay.PublishAsync("info", _id, "upstream.replay-finished", replay.FinishMessage(Time.GetUtcNow())).ConfigureAwait(false);
                    replay = null;
                }

                await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var upstreamTransaction = message.EdgeTransactionId is { } edge
                ? await outbox.UpstreamTransactionIdAsync(_id, edge, cancellationToken).ConfigureAwait(false)
                : null;
            JsonElement? answer = null;
            string? refusal = null;
            if (_rules.ToUpstream(message, upstreamTransaction) is not { } payload)
            {
                refusal = $"transaction {message.EdgeTransactionId} is not known upstream";
            }
            else
            {
                try
                {
                    // A boot sent again is a new request: a new id, so an upstream that remembers ids does not answer it from memory.
                    var messageId = message.Sequence == bootSentBefore ? Guid.NewGuid().ToString("N") : message.MessageId;
                    _heartbeats.Sent();
                    answer = await connection.CallAsync(message.Action, payload, messageId, cancellationToken).ConfigureAwait(false);
                }
                catch (OcppRpcException e) when (e.ErrorCode is not null)
                {
                    refusal = e.Message; // answered, with a refusal: sending it again would get the same
                }
                catch (OcppRpcException e)
                {
                    // No answer (timeout, connection lost): the same message, with the same id, again after a pause.
                    OcppLog.ChargePointWarning(_logger, _id, $"upstream: {message.Action} not delivered yet: {e.Message}");
                    await Task.Delay(_relay.Options.ReconnectMin, Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (answer is { } booted && OcppUpstreamRules.BootAnswer(message.Action, booted) is { } boot && await RegisteredAsync(boot.Status, boot.Interval).ConfigureAwait(false) is false)
            {
                Answer(message, answer);
                bootSentBefore = message.Sequence;
                await Task.Delay(boot.Interval > TimeSpan.Zero ? boot.Interval : _relay.Options.ReconnectMax, Time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await outbox.DeliveredAsync(message, answer is { } a ? _rules.UpstreamTransactionOf(message.Action, a) : null, CancellationToken.None).ConfigureAwait(false);
            Update(s => s with { Queued = Math.Max(0, s.Queued - 1) });
            replay?.Delivered(refusal is not null);
            if (refusal is not null)
            {
                await _relay.PublishAsync("warning", _id, "upstream.refused", $"{message.Action} refused upstream: {refusal}").ConfigureAwait(false);
            }
            else if (answer is { } given && _rules.RefusedStart(message.Action, given))
            {
                await _relay.PublishAsync("warning", _id, "upstream.start-refused", $"the upstream refused the idTag of transaction {message.EdgeTransactionId}; the session goes on at the edge").ConfigureAwait(false);
            }

            Answer(message, answer);
            await ForgetDoneAsync(cancellationToken).ConfigureAwait(false); // after the answer: the charger does not wait for it
        }
    }

    /// <summary>A Heartbeat of the link's own; an upstream that refuses or does not answer it is only logged (the link's state shows a real outage).</summary>
    private async Task HeartbeatAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.CallAsync("Heartbeat", JsonSerializer.SerializeToElement(new System.Text.Json.Nodes.JsonObject()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OcppLog.ChargePointInfo(_logger, _id, $"upstream: Heartbeat not answered ({e.Message})");
        }
    }

    /// <summary>The charger's call waiting for this message gets the upstream's answer (null: the edge's own).</summary>
    private void Answer(OcppUpstreamMessage message, JsonElement? answer)
    {
        if (_waiters.TryGetValue(message.Sequence, out var waiter))
        {
            waiter.TrySetResult(answer);
        }
    }

    /// <summary>
    /// Keeps the upstream's answer to a boot; false when it is not Accepted. The charger stays on the
    /// site meanwhile: it has the edge's Accepted (docs/upstream.md, "The upstream's boot answer").
    /// </summary>
    private async Task<bool> RegisteredAsync(string status, TimeSpan interval)
    {
        if (status == "Accepted")
        {
            HeartbeatInterval = interval > TimeSpan.Zero ? interval : DefaultHeartbeatInterval;
        }

        var was = State.Registration;
        Update(s => s with { Registration = status });
        // A first Accepted is the usual case and no event; leaving Pending or Rejected is one.
        if (status != was && (status != "Accepted" || was is not null))
        {
            await _relay.PublishAsync(status == "Accepted" ? "info" : "warning", _id, "upstream.boot-" + status.ToLowerInvariant(),
                status == "Accepted" ? "the upstream accepted the charger's boot" : $"the upstream answered the charger's boot {status}; the edge keeps the charger on the site and sends the boot again").ConfigureAwait(false);
        }

        return status == "Accepted";
    }

    private async Task ChangeStateAsync(bool connected, string? error)
    {
        var now = Time.GetUtcNow();
        var was = State;
        var changed = was.Connected != connected || was.Since is null;
        Update(s => s with { Connected = connected, Since = changed ? now : s.Since, LastError = error ?? s.LastError });
        if (!changed)
        {
            return;
        }

        // An outage is the time between the two events; the first failed try counts as its start.
        var outage = was.Since is { } since && !was.Connected ? $" after {(now - since).TotalSeconds:0.#} s down" : "";
        await _relay.PublishAsync(connected ? "info" : "warning", _id, connected ? "upstream.connected" : "upstream.disconnected",
            connected ? $"connected to the upstream central system {_target}{outage}" : $"upstream link down: {error}").ConfigureAwait(false);
    }

    private void Update(Func<OcppUpstreamState, OcppUpstreamState> change)
    {
        lock (_stateLock)
        {
            _state = change(_state);
        }
    }
}
