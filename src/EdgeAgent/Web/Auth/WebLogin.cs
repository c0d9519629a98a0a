using Microsoft.AspNetCore.Http;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// How a request proves its login: a bearer token (scripts) or the session cookie (the page). A
/// cookie is sent by the browser on its own, so unsafe requests that rely on it must also echo the
/// CSRF token in <see cref="CsrfHeader"/> (double submit: a page of another site can read neither).
/// </summary>
public static class WebLogin
{
    public const string SessionCookie = "chargenet_session";
    public const string CsrfCookie = "chargenet_csrf";
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The login a request carries, and whether it came by cookie; null when it carries none that is valid.</summary>
    public static (LoginSession? Session, bool ViaCookie) Authenticate(HttpContext http, LoginSessions sessions)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (sessions.Find(authorization["Bearer ".Length..].Trim()), false);
        }

        return http.Request.Cookies.TryGetValue(SessionCookie, out var cookie) ? (sessions.Find(cookie), true) : (null, false);
    }

    /// <summary>True when a cookie-authenticated request may go ahead: a safe method, or the right CSRF header.</summary>
    public static bool PassesCsrfCheck(HttpRequest request, LoginSession session) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || string.Equals(request.Headers[CsrfHeader].ToString(), session.CsrfToken, StringComparison.Ordinal);

    /// <summary>Sets the session cookie (HttpOnly) and the CSRF cookie the page's script reads.</summary>
    public static void SetCookies(HttpResponse response, LoginSession session)
    {
        var secure = response.HttpContext.Request.IsHttps;
        response.Cookies.Append(SessionCookie, session.Token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = "/", MaxAge = LoginSessions.Lifetime,
        });
        response.Cookies.Append(CsrfCookie, session.CsrfToken, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = secure, Path = "/", MaxAge = LoginSessions.Lifetime,
        });
    }

    public static void ClearCookies(HttpResponse response)
    {
        response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
        response.Cookies.Delete(CsrfCookie, new CookieOptions { Path = "/" });
    }

    /// <summary>The login a <see cref="RequireLoginFilter"/> let through.</summary>
    public static LoginSession? CurrentSession(HttpContext http) =>
        http.Items.TryGetValue(typeof(LoginSession), out var session) ? session as LoginSession : null;

    /// <summary>Whether the login came by cookie (the page) rather than by bearer token (a script).</summary>
    public static bool CameByCookie(HttpContext http) => http.Items.ContainsKey(SessionCookie);
}
