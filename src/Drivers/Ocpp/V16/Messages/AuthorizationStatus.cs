namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>The status of an idTag.</summary>
public enum AuthorizationStatus
{
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx,
}
