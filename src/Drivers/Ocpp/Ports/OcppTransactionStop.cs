using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A StopTransaction as the charge point sent it.</summary>
/// <param name="IdempotencyKey">Charge point, action and payload hash: the same for a repeat or replay.</param>
/// <param name="ChargePointId">The charge point.</param>
/// <param name="TransactionId">The id it names; possibly one the store never gave out (even -1).</param>
/// <param name="IdTag">Who stopped it, when the charge point says.</param>
/// <param name="MeterStopWh">The energy register at the stop, in Wh.</param>
/// <param name="StoppedAt">The charge point's time of the stop.</param>
/// <param name="Reason">The stop reason (OCPP 1.6 Reason), "Local" when absent as the specification says.</param>
/// <param name="TransactionData">Meter values the charge point attached.</param>
/// <param name="StationTransactionId">OCPP 2.0.1: the station's own transaction id; null in 1.6.</param>
public sealed record OcppTransactionStop(
    string IdempotencyKey,
    string ChargePointId,
    int TransactionId,
    string? IdTag,
    long MeterStopWh,
    DateTimeOffset StoppedAt,
    string Reason,
    IReadOnlyList<MeterValue> TransactionData,
    string? StationTransactionId = null)
{
    /// <summary>The id the charger knows the transaction by: the station's (2.0.1), else the store's number (1.6).</summary>
    public ChargerTransactionId ChargerTransactionId =>
        StationTransactionId is { } station ? ChargerTransactionId.FromStation(station) : ChargerTransactionId.FromNumber(TransactionId);
}
