namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>MeterValues.req.</summary>
public sealed record MeterValuesRequest(
    int ConnectorId,
    IReadOnlyList<MeterValue> MeterValue,
    int? TransactionId = null);
