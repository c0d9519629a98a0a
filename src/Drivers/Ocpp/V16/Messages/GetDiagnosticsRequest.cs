namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetDiagnostics.req: where to upload the diagnostics file.</summary>
public sealed record GetDiagnosticsRequest(
    string Location,
    int? Retries = null,
    int? RetryInterval = null,
    DateTimeOffset? StartTime = null,
    DateTimeOffset? StopTime = null);
