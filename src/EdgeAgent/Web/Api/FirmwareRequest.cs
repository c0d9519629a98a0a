namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The body of <c>POST /api/v1/chargers/{id}/firmware</c>: a file uploaded to <c>/api/v1/firmware</c>, and from when (default now).</summary>
public sealed record FirmwareRequest(string? FileName, DateTimeOffset? RetrieveAt);
