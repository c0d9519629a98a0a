using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// What the store keeps of OCPP transactions: ids from a counter that survives restarts, each message
/// recorded once by its idempotency key, and each transaction's session. The session records themselves
/// are shaped by <see cref="SessionRecorder"/> (through <see cref="OcppSessionLedger"/>); each call
/// writes what it is given in one transaction and returns once it is on durable storage (fsynced).
/// </summary>
public interface IOcppTransactionLedger
{
    /// <summary>
    /// Records a started transaction with its open session (id <c>ocpp-{chargePoint}-{transactionId}</c>,
    /// the start's meter reading as its first reading) and returns both; for a key seen before, the
    /// transaction and session it recorded the first time. The session carries <paramref name="tariffId"/>
    /// and <paramref name="budget"/> from its start.
    /// </summary>
    Task<OcppStarted> StartTransactionAsync(OcppTransactionStart start, string? tariffId, SessionBudget? budget, CancellationToken cancellationToken);

    /// <summary>The charge point that started the transaction with this id, or null when the store recorded no such start.</summary>
    Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken);

    /// <summary>Records a MeterValues message once; <paramref name="readings"/> go to its transaction's session, when known.</summary>
    Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, IReadOnlyList<EnergyReading> readings, CancellationToken cancellationToken);

    /// <summary>The start of a transaction of this charge point (by id AND charge point) with its session, or null when never seen.</summary>
    Task<OcppStarted?> FindStartAsync(int transactionId, string chargePointId, CancellationToken cancellationToken);

    /// <summary>Whether a message with this key was recorded already.</summary>
    Task<bool> WasRecordedAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Records a StopTransaction: its key, its finished session and the session's outbox copy, in one
    /// transaction. False, and nothing written, when the key was recorded before (a repeat).
    /// </summary>
    Task<bool> RecordStopAsync(string idempotencyKey, ChargingSession finished, OutboxCopy copy, CancellationToken cancellationToken);

    /// <summary>Forgets keys recorded, and finished transactions started, before <paramref name="before"/>; returns how many documents went.</summary>
    Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
