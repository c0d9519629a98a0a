namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>DiagnosticsStatusNotification.req: Idle, Uploaded, UploadFailed or Uploading.</summary>
public sealed record DiagnosticsStatusNotificationRequest(
    string Status);
