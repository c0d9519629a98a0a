namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>One login: its bearer/cookie token, the CSRF token its page must echo, when it lapses unless used, and when it began.</summary>
public sealed record LoginSession(string Token, string CsrfToken, string Username, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
