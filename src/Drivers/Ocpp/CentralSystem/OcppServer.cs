using System.Collections.Concurrent;
using System.Net.WebSockets;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// The OCPP central system, for every version it speaks (<see cref="OcppProtocols"/>): admits
/// charge points at the WebSocket upgrade, negotiating the version
/// (<see cref="OcppUpgradeGate"/>), runs one RPC connection per charge point (a new one replaces
/// the old, unless it is unauthenticated and the old one is alive: <see cref="OcppTakeoverGuard"/>),
/// and keeps each configured charge point's state across reconnects (a pending one's ends with its
/// connection, so ids that merely connected leave nothing behind). When the edge stops it closes every connection with
/// 1001 (going away) and admits no new one (<see cref="StopAsync"/>).
/// </summary>
public sealed class OcppServer
{
    private readonly ConcurrentDictionary<string, OcppChargePoint> _chargePoints = new(StringComparer.Ordinal);
    private readonly OcppUpgradeGate _gate;
    private readonly ILogger _logger;
    private int _stopping;

    public OcppServer(OcppCentralSystemContext context)
    {
        Context = context;
        _logger = context.LoggerFactory.CreateLogger<OcppServer>();
        _gate = new OcppUpgradeGate(context, new OcppTakeoverGuard(id => _chargePoints.GetValueOrDefault(id), context.Options, context.Time), _logger);
    }

    public OcppCentralSystemContext Context { get; }

    /// <summary>Every charge point seen or asked for since start.</summary>
    public IReadOnlyCollection<OcppChargePoint> ChargePoints => [.. _chargePoints.Values];

    /// <summary>Whether the edge is stopping (<see cref="BeginStopping"/>): a charger that goes now is no fault of its own.</summary>
    public bool Stopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>
    /// Marks the edge as stopping: from now on no connection is admitted, and a connection that ends — closed by the edge,
    /// or by a charger that goes away with it (the demo's own) — is an info event, not an <c>ocpp.disconnected</c> warning.
    /// </summary>
    public void BeginStopping() => Volatile.Write(ref _stopping, 1);

    /// <summary>
    /// Stops serving: marks the edge as stopping and closes every live connection with 1001 (going away, RFC 6455
    /// section 7.4.1), so each charger sees a clean close instead of a dropped socket; returns once every close has been
    /// answered or given up (each within 5 s, <see cref="WebSocketOcppTransport"/>).
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        BeginStopping();
        return Task.WhenAll(_chargePoints.Values.Select(chargePoint => CloseGoingAwayAsync(chargePoint, cancellationToken)));
    }

    /// <summary>The charge point with this id (created on first use; it need not be connected).</summary>
    public OcppChargePoint GetChargePoint(string chargePointId) =>
        _chargePoints.GetOrAdd(chargePointId, id => new OcppChargePoint(id, Context));

    /// <summary>Handles one HTTP request to <c>/ocpp/{chargePointId}</c>: refuses it or runs the connection until it ends.</summary>
    public async Task HandleAsync(HttpContext http, string chargePointId)
    {
        if (Stopping)
        {
            // A connection admitted now would hold the host's stop until its timeout, then drop.
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var admission = await _gate.AdmitAsync(http, chargePointId, http.RequestAborted).ConfigureAwait(false);
        if (admission is null)
        {
            return;
        }

        var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = OcppSubProtocol.Of(admission.Version),
            KeepAliveInterval = Context.Options.KeepAliveInterval,
            KeepAliveTimeout = Context.Options.KeepAliveTimeout,
        }).ConfigureAwait(false);
        var remote = $"{chargePointId}@{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        if (http.Request.Host.HasValue && Uri.TryCreate($"{(http.Request.IsHttps ? "https" : "http")}://{http.Request.Host.Value}/", UriKind.Absolute, out var reachedAt))
        {
            GetChargePoint(chargePointId).ReachedAt = reachedAt;
        }

        await RunConnectionAsync(chargePointId, admission, new WebSocketOcppTransport(socket, Context.Options.MaxMessageBytes, remote)
        {
            // ASP.NET Core aborts a socket whose pong is later than KeepAliveTimeout after a ping sent every KeepAliveInterval.
            KeepAliveWindow = Context.Options.KeepAliveTimeout > TimeSpan.Zero ? Context.Options.KeepAliveInterval + Context.Options.KeepAliveTimeout : null,
        }, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Runs one admitted connection until it ends (any transport; the WebSocket one in production).</summary>
    public async Task RunConnectionAsync(string chargePointId, OcppAdmission admission, IOcppTransport transport, CancellationToken cancellationToken)
    {
        var chargePoint = GetChargePoint(chargePointId);
        chargePoint.Registration = admission.Registration ?? chargePoint.Registration;
        var restored = admission.Registration is not null && chargePoint.BootState == OcppBootState.None
            && await RestoreBootAsync(chargePoint, cancellationToken).ConfigureAwait(false);
        var protocol = Context.Protocols.For(admission.Version);
        IOcppCallHandler handler = new OcppChargePointCallHandler(chargePoint, protocol, Context);
        // A charger relayed to an upstream central system (docs/upstream.md) has its calls go through the relay.
        handler = Context.Relay?.Attach(chargePoint, protocol, handler) ?? handler;
        var connection = new OcppRpcConnection(transport, handler, protocol.Validator, Context.Options.Rpc, Context.Time, _logger, protocol.Version);
        await using (connection.ConfigureAwait(false))
        {
            var replaced = chargePoint.Attach(connection, protocol);
            if (replaced is not null)
            {
                // One live connection per charge point: the newer one wins and serves at once; the older
                // is closed cleanly beside it (its close handshake must not hold up the new one).
                _ = replaced.CloseAsync((int)WebSocketCloseStatus.PolicyViolation, "replaced by a newer connection", CancellationToken.None);
            }

            if (Stopping)
            {
                // Admitted as the edge began to stop, after StopAsync closed the others.
                _ = CloseGoingAwayAsync(chargePoint, CancellationToken.None);
            }

            OcppLog.Connected(_logger, chargePointId, transport.RemoteDescription);
            await Context.PublishAsync("info", chargePointId, "ocpp.connected", admission.Pending ? "connected (pending: not configured)" : "connected", cancellationToken).ConfigureAwait(false);
            _ = protocol.AfterConnectAsync(chargePoint, connection, restored, cancellationToken);
            var reason = "closed";
            try
            {
                // The charge point lets go of the connection as soon as its end is seen, before the
                // close is answered: a charger that reconnects at once is not refused as a takeover.
                await connection.RunAsync(cancellationToken, why => ForgetAsync(chargePoint, connection, reason = why)).ConfigureAwait(false);
                reason = await connection.Closed.ConfigureAwait(false);
            }
            finally
            {
                if (Context.Relay is { } relay)
                {
                    await relay.DetachAsync(chargePoint, handler).ConfigureAwait(false);
                }

                await ForgetAsync(chargePoint, connection, reason).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Forgets <paramref name="connection"/> if it is still the charge point's live one (once: later calls find it gone).</summary>
    private async Task ForgetAsync(OcppChargePoint chargePoint, OcppRpcConnection connection, string reason)
    {
        if (!chargePoint.Detach(connection))
        {
            return;
        }

        chargePoint.LastDisconnectReason = reason;
        chargePoint.Limits.ConnectionLost(chargePoint.LastSeenAt ?? connection.OpenedAt);
        OcppLog.Disconnected(_logger, chargePoint.Id, reason);
        if (chargePoint.Registration is null)
        {
            // A pending charger keeps nothing here once gone (the registry keeps a bounded list of them).
            _chargePoints.TryRemove(new KeyValuePair<string, OcppChargePoint>(chargePoint.Id, chargePoint));
        }

        // While the edge stops every charger goes: that is expected, not a charger dropping out.
        await Context.PublishAsync(Stopping ? "info" : "warning", chargePoint.Id, "ocpp.disconnected", "disconnected: " + reason + (Stopping ? " (the edge is stopping)" : ""), CancellationToken.None)
            .ConfigureAwait(false);
    }

    private static Task CloseGoingAwayAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken) =>
        chargePoint.CloseAsync((int)WebSocketCloseStatus.EndpointUnavailable, "the central system is stopping", cancellationToken);

    /// <summary>
    /// A configured charge point whose boot was accepted before the edge restarted is accepted again
    /// at once: OCPP 1.6 section 4.2 has a charge point send BootNotification only when it (re)boots,
    /// not when it reconnects, so after a restart of the edge its first call may be anything.
    /// </summary>
    private async Task<bool> RestoreBootAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken)
    {
        OcppBootRecord? kept;
        try
        {
            kept = await Context.Boots.FindAsync(chargePoint.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OcppLog.ChargePointWarning(_logger, chargePoint.Id, "kept boot not read: " + e.Message);
            return false;
        }

        if (kept is null)
        {
            return false;
        }

        chargePoint.BootInfo ??= kept.ToBootInfo();
        chargePoint.BootState = OcppBootState.Accepted;
        OcppLog.ChargePointInfo(_logger, chargePoint.Id, $"accepted from its boot of {kept.AcceptedAt:u} (kept across the edge's restart)");
        return true;
    }
}
