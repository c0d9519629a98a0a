namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>One finished charging session, as the cloud receives it (docs/mqtt.md, <c>sessions</c>).</summary>
/// <param name="Id">Unique and stable (a hash of the StopTransaction's idempotency key).</param>
/// <param name="ChargePointId">The charge point.</param>
/// <param name="ConnectorId">The connector; null when the start was never seen.</param>
/// <param name="TransactionId">The transaction id as the charger knows it (1.6 a number, 2.0.1 the station's string).</param>
/// <param name="IdTag">The idTag of the start (or the stop's when the start was never seen).</param>
/// <param name="StartedAt">When it started; null when the start was never seen.</param>
/// <param name="StoppedAt">When it stopped.</param>
/// <param name="EnergyWh">Energy delivered; null when it cannot be known (no start, no samples).</param>
/// <param name="StopReason">The OCPP stop reason.</param>
public sealed record OcppSession(
    string Id,
    string ChargePointId,
    int? ConnectorId,
    ChargerTransactionId TransactionId,
    string? IdTag,
    DateTimeOffset? StartedAt,
    DateTimeOffset StoppedAt,
    double? EnergyWh,
    string StopReason);
