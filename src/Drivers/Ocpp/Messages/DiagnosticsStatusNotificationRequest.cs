namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>DiagnosticsStatusNotification.req: Idle, Uploaded, UploadFailed or Uploading.</summary>
public sealed record DiagnosticsStatusNotificationRequest(
    string Status);
