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
public sealed record OcppTransactionStop(
    string IdempotencyKey,
    string ChargePointId,
    int TransactionId,
    string? IdTag,
    long MeterStopWh,
    DateTimeOffset StoppedAt,
    string Reason,
    IReadOnlyList<MeterValue> TransactionData);
