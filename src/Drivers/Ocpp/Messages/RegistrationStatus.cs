namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>The answer to a BootNotification.</summary>
public enum RegistrationStatus
{
    Accepted,
    Pending,
    Rejected,
}
