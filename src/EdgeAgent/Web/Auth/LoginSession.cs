namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>One login: its bearer/cookie token, the CSRF token its page must echo, and when it lapses.</summary>
public sealed record LoginSession(string Token, string CsrfToken, string Username, DateTimeOffset ExpiresAt);
