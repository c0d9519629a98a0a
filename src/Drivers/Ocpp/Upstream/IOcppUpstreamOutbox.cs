namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// What each relayed charger's upstream must get, in order, and the mapping between the edge's
/// transaction ids and the upstream's (docs/upstream.md). The daemon keeps it in its store, so it
/// survives a restart of the edge; an in-memory one serves tests and hosts without a store.
/// </summary>
public interface IOcppUpstreamOutbox
{
    /// <summary>
    /// Queues a message; a message with the same <see cref="OcppUpstreamMessage.Key"/> queued before
    /// (delivered or not) is not queued again: null then.
    /// </summary>
    Task<OcppUpstreamMessage?> AddAsync(string chargePointId, string action, string payload, string? edgeTransactionId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether a message with this key was queued (delivered or not).</summary>
    Task<bool> ContainsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The oldest message of the charger not yet delivered, or null.</summary>
    Task<OcppUpstreamMessage?> OldestAsync(string chargePointId, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the charger's oldest waiting message that belongs to no transaction (its queue is over its
    /// bound): it is never sent, and its key stays known. Null when every waiting message belongs to a transaction.
    /// </summary>
    Task<OcppUpstreamMessage?> DropOldestAsync(string chargePointId, CancellationToken cancellationToken);

    /// <summary>How many of the charger's messages wait.</summary>
    Task<int> CountAsync(string chargePointId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a message delivered (the upstream answered it) and, in the same write, keeps the
    /// upstream's transaction id for its edge transaction when the answer gave one.
    /// </summary>
    Task DeliveredAsync(OcppUpstreamMessage message, string? upstreamTransactionId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the charger's delivered and dropped messages but its newest <paramref name="keep"/>
    /// (docs/upstream.md, "Retention"): a charger sends again only its last messages, so only their
    /// keys need recognising. Held ones (<see cref="HoldAsync"/>) stay. A forgotten StopTransaction takes its transaction's id mapping with it:
    /// nothing of that transaction goes up any more. Returns how many were forgotten.
    /// </summary>
    Task<int> ForgetDoneAsync(string chargePointId, int keep, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the message with this key, once done, past <see cref="ForgetDoneAsync"/> until <see cref="ReleaseAsync"/>:
    /// a virtual charger's StopTransaction sent at a remote stop, while its session goes on at the edge
    /// (docs/upstream.md, "Virtual chargers"), so it is recognised, and not sent again, whatever comes meanwhile.
    /// </summary>
    Task HoldAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lets a held message (<see cref="HoldAsync"/>) be forgotten like the rest; nothing when none is held under the key.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);

    /// <summary>The upstream's id of one of the charger's edge transactions, or null when the upstream has not given one.</summary>
    Task<string?> UpstreamTransactionIdAsync(string chargePointId, string edgeTransactionId, CancellationToken cancellationToken);

    /// <summary>The edge's id of the transaction the upstream knows by <paramref name="upstreamTransactionId"/>, or null.</summary>
    Task<string?> EdgeTransactionIdAsync(string chargePointId, string upstreamTransactionId, CancellationToken cancellationToken);
}
