namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StopTransaction.req.</summary>
public sealed record StopTransactionRequest(
    int MeterStop,
    DateTimeOffset Timestamp,
    int TransactionId,
    string? IdTag = null,
    string? Reason = null,
    IReadOnlyList<MeterValue>? TransactionData = null);
