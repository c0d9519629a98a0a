namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>StopTransaction.conf.</summary>
public sealed record StopTransactionResponse(
    IdTagInfo? IdTagInfo = null);
