namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>FirmwareStatusNotification.conf.</summary>
public sealed record FirmwareStatusNotificationResponse;
