namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>FirmwareStatusNotification.conf.</summary>
public sealed record FirmwareStatusNotificationResponse;
