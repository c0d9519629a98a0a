namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Everything the daemon keeps across restarts. The rest of the daemon sees only these interfaces,
/// never the database behind them. Each write is committed when its call returns; a write that
/// acknowledges something (an event, a session, an outbox message, an OCPP transaction) completes
/// only once it is on durable storage, fsynced; the others say so (docs/architecture.md, "Durability").
/// </summary>
public interface IEdgeStore : IDisposable
{
    IRevisionStore Revisions { get; }

    ISessionStore Sessions { get; }

    IEventStore Events { get; }

    IOutboxStore Outbox { get; }

    ISampleStore Samples { get; }

    IAuthorizationListStore AuthorizationList { get; }

    /// <summary>The logins of the web page and REST API (password hashes only).</summary>
    ILoginStore Logins { get; }

    /// <summary>OCPP transactions: stable ids, each message recorded once, each transaction a session (shaped by Sessions.OcppSessionLedger).</summary>
    IOcppTransactionLedger OcppTransactions { get; }

    /// <summary>The accepted BootNotification of each OCPP charge point, so a reconnect after a restart is accepted at once.</summary>
    Drivers.Ocpp.Ports.IOcppBootStore OcppBoots { get; }

    /// <summary>What relayed chargers' upstream central system must get, and its transaction ids (docs/upstream.md).</summary>
    Drivers.Ocpp.Upstream.IOcppUpstreamOutbox OcppUpstream { get; }

    /// <summary>The charging profiles relayed chargers' upstream set, kept at the edge (docs/upstream.md, "Limits").</summary>
    Drivers.Ocpp.Upstream.IOcppUpstreamProfileStore OcppUpstreamProfiles { get; }

    /// <summary>Cloud commands carried out, by id, so a command delivered again after a restart is not run twice.</summary>
    ICommandRecordStore CommandRecords { get; }

    /// <summary>The manual limits in force, with their expiry, so a restart does not lift them.</summary>
    IManualLimitStore ManualLimits { get; }

    /// <summary>Whether the emergency stop is latched, so a restart does not release it.</summary>
    IEmergencyStopLatchStore EmergencyStopLatch { get; }

    /// <summary>The site configuration's secrets, once, apart from its revisions (which hold none).</summary>
    ISiteSecretStore Secrets { get; }

    /// <summary>The spot prices the cloud sent (docs/pricing.md).</summary>
    ISpotPriceStore SpotPrices { get; }

    /// <summary>The month's power windows of the peak target (docs/load-balancing.md, "Peak target").</summary>
    IPeakStore Peak { get; }

    /// <summary>
    /// Runs <paramref name="work"/> so that every write it makes to this store reaches the file
    /// together or not at all (a crash or power loss leaves none of them half done). Synchronous on
    /// purpose: a transaction belongs to the thread that began it. Nested calls join the outer one.
    /// </summary>
    void WriteTogether(Action work);

    /// <summary>
    /// Runs <paramref name="action"/> once the writes of this thread's <see cref="WriteTogether"/> are
    /// in the file (at once when there is none): e.g. waking a reader that must see them.
    /// </summary>
    void WhenWritten(Action action);

    /// <summary>
    /// Completes once every write committed before the call is on durable storage (the log flushed
    /// and fsynced, one sync shared by every writer waiting meanwhile). Await it before telling
    /// anyone outside that something is kept. Inside a <see cref="WriteTogether"/> of this thread
    /// it completes at once: the outermost caller waits, after its commit.
    /// </summary>
    Task WhenDurableAsync(CancellationToken cancellationToken);
}
