using ChargeNet.EdgeAgent.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// Lets a request through only with a valid login (and, by cookie, the CSRF token on unsafe
/// methods). With <see cref="OpenWhenStatusPublic"/>, reads pass without login on a site whose
/// configuration sets <c>web.publicStatus</c>.
/// </summary>
public sealed class RequireLoginFilter : IEndpointFilter
{
    public bool OpenWhenStatusPublic { get; init; }

    /// <summary>Lets a request through that proves itself otherwise (the metrics scrape token); checked before the login.</summary>
    public Func<HttpContext, bool>? Admits { get; init; }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Admits?.Invoke(http) is true)
        {
            return await next(context).ConfigureAwait(false);
        }

        var (session, viaCookie) = WebLogin.Authenticate(http, http.RequestServices.GetRequiredService<LoginSessions>());
        if (session is null)
        {
            if (OpenWhenStatusPublic && HttpMethods.IsGet(http.Request.Method)
                && http.RequestServices.GetRequiredService<SiteConfigurationService>().Current?.Site.Web is { PublicStatus: true })
            {
                return await next(context).ConfigureAwait(false);
            }

            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Login required",
                detail: "log in with POST /api/v1/login and send the session cookie or 'Authorization: Bearer <token>'");
        }

        if (viaCookie && !WebLogin.PassesCsrfCheck(http.Request, session))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "CSRF token missing or wrong",
                detail: $"a request that changes something and logs in by cookie must send the '{WebLogin.CsrfHeader}' header with the value of the '{WebLogin.CsrfCookie}' cookie");
        }

        http.Items[typeof(LoginSession)] = session;
        if (viaCookie)
        {
            http.Items[WebLogin.SessionCookie] = true;
        }

        return await next(context).ConfigureAwait(false);
    }
}
