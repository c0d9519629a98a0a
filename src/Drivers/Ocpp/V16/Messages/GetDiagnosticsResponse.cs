namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetDiagnostics.conf: the file the charge point will upload, if any.</summary>
public sealed record GetDiagnosticsResponse(
    string? FileName = null);
