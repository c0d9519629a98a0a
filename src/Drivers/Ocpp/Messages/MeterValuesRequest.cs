namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>MeterValues.req.</summary>
public sealed record MeterValuesRequest(
    int ConnectorId,
    IReadOnlyList<MeterValue> MeterValue,
    int? TransactionId = null);
