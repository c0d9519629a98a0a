namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>FirmwareStatusNotification.req: Downloaded, DownloadFailed, Downloading, Idle, InstallationFailed, Installing or Installed.</summary>
public sealed record FirmwareStatusNotificationRequest(
    string Status);
