namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A StartTransaction as the charge point reported it.</summary>
/// <param name="IdempotencyKey">Charge point, action and payload hash: the same for a repeat or replay.</param>
/// <param name="ChargePointId">The charge point.</param>
/// <param name="ConnectorId">The connector (1-based).</param>
/// <param name="IdTag">Who started it.</param>
/// <param name="MeterStartWh">The connector's energy register at the start, in Wh.</param>
/// <param name="StartedAt">The charge point's time of the start.</param>
/// <param name="ReservationId">The reservation it used, if any.</param>
/// <param name="StationTransactionId">OCPP 2.0.1: the station's own transaction id (the session's); null in 1.6, where the store's id is the charger's.</param>
public sealed record OcppTransactionStart(
    string IdempotencyKey,
    string ChargePointId,
    int ConnectorId,
    string IdTag,
    long MeterStartWh,
    DateTimeOffset StartedAt,
    int? ReservationId,
    string? StationTransactionId = null);
