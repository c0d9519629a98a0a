namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StopTransaction.conf.</summary>
public sealed record StopTransactionResponse(
    IdTagInfo? IdTagInfo = null);
