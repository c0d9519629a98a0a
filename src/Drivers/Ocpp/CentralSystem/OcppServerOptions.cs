using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>Options of the OCPP endpoint; the defaults are what docs/ocpp.md describes.</summary>
public sealed record OcppServerOptions
{
    /// <summary>The largest message accepted; a larger one closes the connection with 1009.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>How often the edge pings an idle connection (WebSocket ping/pong keep-alive).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the edge waits for the pong before it drops the connection.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The interval given to a charge point whose BootNotification is answered Pending.</summary>
    public TimeSpan PendingRetryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A charge point that connects and sends no BootNotification within this time is asked for one (TriggerMessage).</summary>
    public TimeSpan BootTriggerDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Line voltage used to turn a W schedule into amperes per phase when a charger reports in W.</summary>
    public double NominalVoltageV { get; init; } = 230;

    /// <summary>
    /// A charge point without a password (security profile 0) that was heard from within this time
    /// keeps its connection: a new unauthenticated connection for it is refused with 409.
    /// </summary>
    public TimeSpan TakeoverGuard { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a live connection that was not heard from within <see cref="TakeoverGuard"/> gets to answer a probe before a new one may replace it.</summary>
    public TimeSpan TakeoverProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Refused upgrades from one address within <see cref="UpgradeFailureWindow"/> before it is refused with 429.</summary>
    public int UpgradeFailureLimit { get; init; } = 10;

    /// <summary>The window <see cref="UpgradeFailureLimit"/> counts in.</summary>
    public TimeSpan UpgradeFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the events of an ended OCPP 2.0.1 transaction that the station said it still holds (GetTransactionStatus after a
    /// seqNo gap, E14) may take to arrive before a warning says they have not (docs/ocpp.md, "Transactions").
    /// </summary>
    public TimeSpan QueuedEventsGrace { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Per-connection RPC limits.</summary>
    public OcppRpcOptions Rpc { get; init; } = new();
}
