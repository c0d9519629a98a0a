namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>The body of <c>POST /api/v1/setup</c>: the one-time code from the log and the first admin password.</summary>
public sealed record SetupRequest(string? Code, string? Password);
