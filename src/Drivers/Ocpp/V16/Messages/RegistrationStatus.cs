namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>The answer to a BootNotification.</summary>
public enum RegistrationStatus
{
    Accepted,
    Pending,
    Rejected,
}
