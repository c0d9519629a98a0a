namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>A successful login: the bearer token for scripts and the CSRF token for the page.</summary>
public sealed record LoginResponse(string Token, string CsrfToken, string Username, DateTimeOffset ExpiresAt)
{
    public static LoginResponse From(LoginSession session) => new(session.Token, session.CsrfToken, session.Username, session.ExpiresAt);
}
