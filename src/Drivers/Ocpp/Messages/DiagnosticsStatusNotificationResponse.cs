namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>DiagnosticsStatusNotification.conf.</summary>
public sealed record DiagnosticsStatusNotificationResponse;
