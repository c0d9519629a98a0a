namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>RemoteStopTransaction.req.</summary>
public sealed record RemoteStopTransactionRequest(
    int TransactionId);
