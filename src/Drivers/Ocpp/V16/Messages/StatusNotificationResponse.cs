namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StatusNotification.conf.</summary>
public sealed record StatusNotificationResponse;
