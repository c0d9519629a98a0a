using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>The limit the edge wants on one connector and what became of it.</summary>
/// <param name="ConnectorId">1-based.</param>
/// <param name="RequestedA">What the control loop asked for last.</param>
/// <param name="SentA">What was last sent to the charge point (rounded down to 0.1 A; null before the first send).</param>
/// <param name="Outcome">The charge point's answer to the last send.</param>
/// <param name="Detail">Why it was rejected or failed.</param>
/// <param name="At">When the last send was answered.</param>
/// <param name="ValidTo">The validTo of the last accepted profile: after it the charger is back on its own default.</param>
/// <param name="ConfirmedA">The last limit the charge point accepted (whatever happened to later sends); null since the edge started until one is accepted.</param>
/// <param name="FailuresInARow">Sends rejected or failed since the last accepted one.</param>
/// <param name="NextSendAt">When the keeper sends this limit again by itself: a refresh before validTo, or a retry after a back-off.</param>
public sealed record OcppLimitRecord(
    int ConnectorId,
    double RequestedA,
    double? SentA,
    SetpointOutcome? Outcome,
    string? Detail,
    DateTimeOffset? At,
    DateTimeOffset? ValidTo = null,
    double? ConfirmedA = null,
    int FailuresInARow = 0,
    DateTimeOffset? NextSendAt = null)
{
    /// <summary>
    /// The transaction whose TxProfile carries the last accepted limit; null for a TxDefaultProfile. Its end deletes the profile on
    /// the charger (<see cref="OcppLimitKeeper.TransactionEnded"/>).
    /// </summary>
    public string? TransactionId { get; init; }

    /// <summary>
    /// Whether another party's limit shaped the last accepted profile (<see cref="OcppCappedLimit.InForce"/>): <see cref="SentA"/> is
    /// only the period in force when it was sent, so the same ask is sent again rather than answered from the record.
    /// </summary>
    public bool Capped { get; init; }

    /// <summary>When the last send started (null before the first): a cut not applied goes again at most once a second from it (<see cref="OcppLimitBackOff"/>).</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The limit in force as far as the edge knows: only an accepted one counts.</summary>
    public double? InForceA => Outcome == SetpointOutcome.Accepted ? SentA : null;

    /// <summary>The limit in force at <paramref name="now"/>: an accepted one whose validity has not lapsed.</summary>
    public double? InForceAt(DateTimeOffset now) => ValidTo is { } validTo && now >= validTo ? null : InForceA;
}
