using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A MeterValues message as the charge point sent it.</summary>
/// <param name="IdempotencyKey">Charge point, action and payload hash: the same for a repeat or replay.</param>
/// <param name="ChargePointId">The charge point.</param>
/// <param name="ConnectorId">0 is the whole charge point.</param>
/// <param name="TransactionId">The transaction it names, which may be unknown to the store.</param>
/// <param name="MeterValues">The samples.</param>
public sealed record OcppMeterValuesRecord(
    string IdempotencyKey,
    string ChargePointId,
    int ConnectorId,
    int? TransactionId,
    IReadOnlyList<MeterValue> MeterValues);
