namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>StartTransaction.conf: the transaction id and the idTag's status.</summary>
public sealed record StartTransactionResponse(
    IdTagInfo IdTagInfo,
    int TransactionId);
