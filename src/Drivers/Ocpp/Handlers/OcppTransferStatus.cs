namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>
/// How a firmware update or a log (1.6: diagnostics) upload goes, in either version's words: kept on the charge point and
/// published as <c>ocpp.firmware</c> / <c>ocpp.diagnostics</c> (docs/ocpp.md); a failure is a warning.
/// </summary>
public static class OcppTransferStatus
{
    // 1.6 DownloadFailed/InstallationFailed; 2.0.1 adds the signature checks.
    private static readonly HashSet<string> FirmwareFailures = new(["DownloadFailed", "InstallationFailed", "InstallVerificationFailed", "InvalidSignature"], StringComparer.Ordinal);

    // 1.6 UploadFailed; 2.0.1 UploadLogStatusEnumType's failures.
    private static readonly HashSet<string> LogFailures = new(["UploadFailed", "BadMessage", "NotSupportedOperation", "PermissionDenied", "UploadFailure"], StringComparer.Ordinal);

    public static Task FirmwareAsync(OcppCallContext context, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ChargePoint.FirmwareStatus = status;
        return context.Services.PublishAsync(FirmwareFailures.Contains(status) ? "warning" : "info", context.ChargePoint.Id, "ocpp.firmware", "Firmware: " + status, cancellationToken);
    }

    /// <param name="context">The call.</param>
    /// <param name="label">The version's word for it: Diagnostics (1.6) or Log upload (2.0.1).</param>
    /// <param name="status">The charger's status.</param>
    /// <param name="cancellationToken">Cancels the recording of the event.</param>
    public static Task LogAsync(OcppCallContext context, string label, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ChargePoint.DiagnosticsStatus = status;
        return context.Services.PublishAsync(LogFailures.Contains(status) ? "warning" : "info", context.ChargePoint.Id, "ocpp.diagnostics", $"{label}: {status}", cancellationToken);
    }
}
