namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>The body of <c>POST /api/v1/password</c>.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
