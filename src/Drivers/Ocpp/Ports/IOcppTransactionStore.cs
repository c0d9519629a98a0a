namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// Where the central system keeps transactions (the daemon's store; in-memory in tests). Every
/// method must have made its write durable before it returns: the charge point's answer is sent
/// only afterwards. Every record carries an <c>IdempotencyKey</c> (the charge point, the action and
/// a hash of the payload): a record whose key was seen before changes nothing, and
/// <see cref="StartTransactionAsync"/> then returns the id it gave the first time. That is how a
/// repeated or replayed message is recorded exactly once.
/// </summary>
public interface IOcppTransactionStore
{
    /// <summary>
    /// Records a started transaction and returns its id: unique across all charge points and
    /// restarts (never reused), the same id again for the same <see cref="OcppTransactionStart.IdempotencyKey"/>.
    /// </summary>
    Task<int> StartTransactionAsync(OcppTransactionStart start, CancellationToken cancellationToken);

    /// <summary>The charge point that started the transaction with this id, or null when the store recorded no such start.</summary>
    Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken);

    /// <summary>
    /// The connector (2.0.1: the EVSE) the start of the transaction with this id named, when that start came from this charge point
    /// (by id AND charge point); null when the store has no such start. 0 when the start named none.
    /// </summary>
    Task<int?> FindStartConnectorAsync(int transactionId, string chargePointId, CancellationToken cancellationToken);

    /// <summary>Records meter values (for a known, unknown or no transaction).</summary>
    Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, CancellationToken cancellationToken);

    /// <summary>
    /// Records a stopped transaction, also one the store never saw start (its id may be unknown,
    /// even -1), and the finished session that the cloud receives. A start is joined to the stop
    /// only when both come from the same charge point (by id AND charge point). Returns the session, and
    /// whether it was recorded now (false for a repeat).
    /// </summary>
    Task<OcppStopResult> StopTransactionAsync(OcppTransactionStop stopped, CancellationToken cancellationToken);
}
