namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>BootNotification.conf: accepted, pending or rejected, the clock and the heartbeat interval in seconds.</summary>
public sealed record BootNotificationResponse(
    RegistrationStatus Status,
    DateTimeOffset CurrentTime,
    int Interval);
