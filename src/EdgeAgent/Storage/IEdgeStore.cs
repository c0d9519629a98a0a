namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Everything the daemon keeps across restarts. The rest of the daemon sees only these interfaces,
/// never the database behind them. Each write has reached the file when its call returns.
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

    /// <summary>OCPP transactions: stable ids, each message recorded once, each transaction a session.</summary>
    Drivers.Ocpp.Ports.IOcppTransactionStore OcppTransactions { get; }

    /// <summary>The accepted BootNotification of each OCPP charge point, so a reconnect after a restart is accepted at once.</summary>
    Drivers.Ocpp.Ports.IOcppBootStore OcppBoots { get; }
}
