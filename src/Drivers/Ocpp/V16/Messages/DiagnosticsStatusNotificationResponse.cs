namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>DiagnosticsStatusNotification.conf.</summary>
public sealed record DiagnosticsStatusNotificationResponse;
