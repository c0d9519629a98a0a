namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>The body of <c>POST /api/v1/login</c>.</summary>
public sealed record LoginRequest(string? Username, string? Password);
