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
/// connection, so ids that merely connected leave nothing behind).
/// </summary>
public sealed class OcppServer
{
    private readonly ConcurrentDictionary<string, OcppChargePoint> _chargePoints = new(StringComparer.Ordinal);
    private readonly OcppUpgradeGate _gate;
    private readonly ILogger _logger;

    public OcppServer(OcppCentralSystemContext context)
    {
        Context = context;
        _logger = context.LoggerFactory.CreateLogger<OcppServer>();
        _gate = new OcppUpgradeGate(context, new OcppTakeoverGuard(id => _chargePoints.GetValueOrDefault(id), context.Options, context.Time), _logger);
    }

    public OcppCentralSystemContext Context { get; }

    /// <summary>Every charge point seen or asked for since start.</summary>
    public IReadOnlyCollection<OcppChargePoint> ChargePoints => [.. _chargePoints.Values];

    /// <summary>The charge point with this id (created on first use; it need not be connected).</summary>
    public OcppChargePoint GetChargePoint(string chargePointId) =>
        _chargePoints.GetOrAdd(chargePointId, id => new OcppChargePoint(id, Context));

    /// <summary>Handles one HTTP request to <c>/ocpp/{chargePointId}</c>: refuses it or runs the connection until it ends.</summary>
    public async Task HandleAsync(HttpContext http, string chargePointId)
    {
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
        OcppLog.Disconnected(_logger, chargePoint.Id, reason);
        if (chargePoint.Registration is null)
        {
            // A pending charger keeps nothing here once gone (the registry keeps a bounded list of them).
            _chargePoints.TryRemove(new KeyValuePair<string, OcppChargePoint>(chargePoint.Id, chargePoint));
        }

        await Context.PublishAsync("warning", chargePoint.Id, "ocpp.disconnected", "disconnected: " + reason, CancellationToken.None).ConfigureAwait(false);
    }

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
