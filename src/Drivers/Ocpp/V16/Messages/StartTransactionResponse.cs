namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StartTransaction.conf: the transaction id and the idTag's status.</summary>
public sealed record StartTransactionResponse(
    IdTagInfo IdTagInfo,
    int TransactionId);
