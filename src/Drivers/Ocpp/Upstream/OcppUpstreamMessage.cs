namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>One charger message the upstream central system must get, in the order the charger sent it.</summary>
/// <param name="Sequence">Its place in the outbox (ascending in the order added).</param>
/// <param name="ChargePointId">The charger (the edge's id).</param>
/// <param name="MessageId">The OCPP-J message id it goes upstream with, the same each time it is sent.</param>
/// <param name="Action">The OCPP action.</param>
/// <param name="Payload">The charger's payload as it sent it (its timestamps included), as JSON text.</param>
/// <param name="EdgeTransactionId">The edge's id of the transaction it belongs to, when it belongs to one.</param>
/// <param name="Key">The charger, action and payload hash: the same message sent again by the charger is not queued twice.</param>
/// <param name="QueuedAt">When the edge queued it.</param>
public sealed record OcppUpstreamMessage(
    long Sequence,
    string ChargePointId,
    string MessageId,
    string Action,
    string Payload,
    string? EdgeTransactionId,
    string Key,
    DateTimeOffset QueuedAt)
{
    /// <summary>
    /// The last message of a transaction whose ids the edge maps (1.6 and virtual chargers; a 2.0.1
    /// station's transaction ids are its own): once it is forgotten, so is the mapping.
    /// </summary>
    public bool EndsMappedTransaction => Action == "StopTransaction" && EdgeTransactionId is not null;
}
