using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// One charge point as the central system knows it: its live connection (at most one), its boot
/// state, what its connectors last reported and the limits the edge keeps in force on it. Lives
/// as long as the server, across reconnects. The same for every OCPP version: what differs is in
/// <see cref="Protocol"/>, the version its live (or last) connection speaks. Thread-safe.
/// </summary>
public sealed class OcppChargePoint
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, OcppConnectorLive> _connectors = [];
    private readonly OcppCentralSystemContext _context;
    private OcppRpcConnection? _connection;
    private long _incarnation;

    internal OcppChargePoint(string id, OcppCentralSystemContext context)
    {
        Id = id;
        _context = context;
        Limits = new OcppLimitKeeper(this, context);
    }

    public string Id { get; }

    /// <summary>The OCPP version of the live (or last) connection; null before the first.</summary>
    public IOcppProtocol? Protocol { get; private set; }

    /// <summary>The protocol-neutral commands for this charge point; null before its first connection.</summary>
    public IChargePointControl? Control { get; private set; }

    internal OcppCentralSystemContext Context => _context;

    /// <summary>The configuration's entry; null while the charge point is pending (not configured).</summary>
    public OcppChargerRegistration? Registration { get; internal set; }

    /// <summary>The settings in use (the registration's, or the defaults while pending).</summary>
    public OcppChargerSettings Settings => Registration?.Settings ?? new OcppChargerSettings();

    public OcppBootState BootState { get; internal set; }

    /// <summary>The last BootNotification (vendor, model, firmware).</summary>
    public OcppBootInfo? BootInfo { get; internal set; }

    public bool IsConnected => Volatile.Read(ref _connection) is not null;

    /// <summary>
    /// Changes with each new connection and each BootNotification: what the charge point reported
    /// about itself (its configuration keys) may differ since, so what was read of it is read again.
    /// </summary>
    public long Incarnation => Interlocked.Read(ref _incarnation);

    /// <summary>When the charge point last sent anything (a CALL, or on a closed connection any frame or its upgrade).</summary>
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>
    /// When the charge point last proved it is there: its last message on any connection, the
    /// opening of the live connection, or — while that connection is open — the time its keep-alive
    /// vouches for (<see cref="Transport.IOcppTransport.KeepAliveWindow"/>). Null when never seen.
    /// </summary>
    public DateTimeOffset? LastContactAt
    {
        get
        {
            var connection = Volatile.Read(ref _connection);
            DateTimeOffset?[] proofs =
            [
                LastSeenAt,
                connection?.OpenedAt,
                connection?.LastReceivedAt,
                connection?.KeepAliveWindow is { } window ? _context.Time.GetUtcNow() - window : null,
            ];
            return proofs.Max();
        }
    }

    /// <summary>The last connection error or close reason, for health reports.</summary>
    public string? LastDisconnectReason { get; internal set; }

    /// <summary>The limits the edge keeps in force on this charge point.</summary>
    public OcppLimitKeeper Limits { get; }

    /// <summary>
    /// The edge as this charge point reaches it: the scheme (http for ws, https for wss) and Host of
    /// its last WebSocket upgrade. The URLs of UpdateFirmware and GetDiagnostics are built on it.
    /// </summary>
    public Uri? ReachedAt { get; internal set; }

    /// <summary>The last DiagnosticsStatusNotification status.</summary>
    public string? DiagnosticsStatus { get; internal set; }

    /// <summary>The last FirmwareStatusNotification status.</summary>
    public string? FirmwareStatus { get; internal set; }

    /// <summary>When the edge finished setting keys and limits after the last accepted boot.</summary>
    public DateTimeOffset? BootFollowUpDoneAt { get; internal set; }

    /// <summary>Configuration keys the charge point refused at its last boot.</summary>
    public IReadOnlyList<string> RefusedKeys { get; internal set; } = [];

    /// <summary>Each connector's last report, by connector id.</summary>
    public IReadOnlyList<OcppConnectorLive> Connectors
    {
        get
        {
            lock (_lock)
            {
                return [.. _connectors.Values.OrderBy(c => c.ConnectorId)];
            }
        }
    }

    /// <summary>Sends a CALL to the charge point and returns its validated answer (the version's JSON metadata given).</summary>
    /// <param name="onWire">Told when the call has its turn on the connection and its frame goes out (<see cref="OcppRpcConnection.CallAsync(string, System.Text.Json.JsonElement, Action, CancellationToken)"/>).</param>
    /// <param name="givesWay">An ask of the edge's own that goes after every other call and is given up for one (<see cref="OcppRpcException.GaveWay"/>).</param>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        string action, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, Action? onWire = null,
        bool givesWay = false)
    {
        var connection = Volatile.Read(ref _connection) ?? throw new OcppRpcException($"Charge point {Id} is not connected.");
        return connection.CallAsync(action, request, requestType, responseType, cancellationToken, onWire, givesWay);
    }

    /// <summary>Sends a CALL as it is (a relayed one) and returns the charge point's validated answer.</summary>
    internal Task<System.Text.Json.JsonElement> CallAsync(string action, System.Text.Json.JsonElement payload, CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection) ?? throw new OcppRpcException($"Charge point {Id} is not connected.");
        return connection.CallAsync(action, payload, cancellationToken);
    }

    /// <summary>The connector's last report, or an empty one.</summary>
    public OcppConnectorLive GetConnector(int connectorId)
    {
        lock (_lock)
        {
            return _connectors.GetValueOrDefault(connectorId) ?? OcppConnectorLive.Empty(connectorId, _context.Time.GetUtcNow());
        }
    }

    internal OcppConnectorLive UpdateConnector(int connectorId, Func<OcppConnectorLive, OcppConnectorLive> change)
    {
        lock (_lock)
        {
            var now = _context.Time.GetUtcNow();
            var updated = change(_connectors.GetValueOrDefault(connectorId) ?? OcppConnectorLive.Empty(connectorId, now)) with { UpdatedAt = now };
            _connectors[connectorId] = updated;
            return updated;
        }
    }

    /// <summary>The connector whose running transaction has this id, if any.</summary>
    internal int? ConnectorOfTransaction(string transactionId)
    {
        lock (_lock)
        {
            return _connectors.Values.FirstOrDefault(c => c.TransactionId == transactionId)?.ConnectorId;
        }
    }

    internal void Touch() => LastSeenAt = _context.Time.GetUtcNow();

    /// <summary>The charge point (re)booted: see <see cref="Incarnation"/>.</summary>
    internal void Rebooted() => Interlocked.Increment(ref _incarnation);

    /// <summary>Makes <paramref name="connection"/>, speaking <paramref name="protocol"/>, the live one and returns the one it replaces.</summary>
    internal OcppRpcConnection? Attach(OcppRpcConnection connection, IOcppProtocol protocol)
    {
        if (!ReferenceEquals(Protocol, protocol))
        {
            Control = protocol.CreateControl(this);
            Protocol = protocol;
        }

        Interlocked.Increment(ref _incarnation);
        return Interlocked.Exchange(ref _connection, connection);
    }

    /// <summary>Closes its live connection, if any, with <paramref name="closeCode"/>; returns once the close has been answered or given up.</summary>
    internal Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken) =>
        Volatile.Read(ref _connection) is { } connection ? connection.CloseAsync(closeCode, reason, cancellationToken) : Task.CompletedTask;

    /// <summary>Forgets <paramref name="connection"/> if it is still the live one (a replaced one is not).</summary>
    internal bool Detach(OcppRpcConnection connection)
    {
        // Its upgrade and its replies were contact too, and stay so after it is gone.
        var last = connection.LastReceivedAt is { } received && received > connection.OpenedAt ? received : connection.OpenedAt;
        if (!(LastSeenAt >= last))
        {
            LastSeenAt = last;
        }

        return Interlocked.CompareExchange(ref _connection, null, connection) == connection;
    }
}
