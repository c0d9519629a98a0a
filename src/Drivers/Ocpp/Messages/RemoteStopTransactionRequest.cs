namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>RemoteStopTransaction.req.</summary>
public sealed record RemoteStopTransactionRequest(
    int TransactionId);
