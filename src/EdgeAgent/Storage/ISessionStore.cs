using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>Charging sessions, open and finished.</summary>
public interface ISessionStore
{
    /// <summary>Adds a session or replaces the one with the same id.</summary>
    Task UpsertAsync(ChargingSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or replaces a session and queues <paramref name="copy"/> in the cloud outbox, in one
    /// transaction: both reach the file or neither does. Returns once both are on durable storage.
    /// </summary>
    Task SaveAsync(ChargingSession session, OutboxCopy copy, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the budget of a stored open session (it was given, or reached), leaving the rest of the record as
    /// stored; with <paramref name="payer"/>, its idTag and tariff too (a budget a payer gave a running Modbus
    /// session). False when there is no such open session. Returns once it is on durable storage.
    /// </summary>
    Task<bool> SetBudgetAsync(string id, SessionBudget budget, CancellationToken cancellationToken, (string IdTag, string? TariffId)? payer = null);

    Task<ChargingSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The sessions still running (not stopped).</summary>
    Task<IReadOnlyList<ChargingSession>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Sessions newest first (by start), optionally of one charger.</summary>
    Task<IReadOnlyList<ChargingSession>> ListAsync(int limit, int offset, string? chargerId, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The finished sessions that stopped in [<paramref name="stoppedFrom"/>, <paramref name="stoppedBefore"/>), oldest first (statements).</summary>
    Task<IReadOnlyList<ChargingSession>> ListStoppedAsync(DateTimeOffset stoppedFrom, DateTimeOffset stoppedBefore, CancellationToken cancellationToken);

    /// <summary>Deletes finished sessions that stopped before <paramref name="stoppedBefore"/>, except those in <paramref name="keep"/>; returns how many.</summary>
    Task<int> TrimAsync(DateTimeOffset stoppedBefore, IReadOnlySet<string> keep, CancellationToken cancellationToken);
}
