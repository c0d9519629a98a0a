namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>StatusNotification.conf.</summary>
public sealed record StatusNotificationResponse;
