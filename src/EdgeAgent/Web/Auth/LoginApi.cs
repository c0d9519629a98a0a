using ChargeNet.EdgeAgent.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>Login, logout, the first-start setup step and password change.</summary>
public static class LoginApi
{
    public static RouteGroupBuilder MapLoginApi(this RouteGroupBuilder api)
    {
        api.MapPost("/login", Login).WithSummary("Log in: sets the session cookie and returns a bearer token").AllowAnonymous();
        api.MapPost("/setup", SetUp).WithSummary("First start without CHARGENET_ADMIN_PASSWORD: set the admin password with the code from the log");
        api.MapGet("/session", Session).WithSummary("Whether this request is logged in, and whether setup is needed");
        api.MapPost("/logout", Logout).WithSummary("End this login").AddEndpointFilter(new RequireLoginFilter());
        api.MapPost("/password", ChangePassword)
            .WithSummary("Change the password: {\"currentPassword\":\"…\",\"newPassword\":\"…\"}; every other login ends, this one gets a new token (rate-limited like login)")
            .AddEndpointFilter(new RequireLoginFilter());
        return api;
    }

    internal static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest? request, HttpContext http, AdminAccount account, LoginRateLimiter limiter, PasswordHashGate hashing, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return WebProblems.BadRequest("the body must be {\"username\":\"admin\",\"password\":\"…\"}");
        }

        var client = ClientOf(http);
        using var slot = hashing.TryEnter();
        if (slot is null)
        {
            return Busy(http);
        }

        if (Reserve(http, limiter, client) is { } refused)
        {
            return refused;
        }

        var session = await account.LoginAsync(request.Username, request.Password, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            // The reserved attempt stays counted as a failure.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: "the username or the password is wrong");
        }

        limiter.RecordSuccess(client);
        WebLogin.SetCookies(http.Response, session);
        return TypedResults.Ok(LoginResponse.From(session));
    }

    internal static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> SetUp(
        SetupRequest? request, HttpContext http, AdminAccount account, LoginRateLimiter limiter, PasswordHashGate hashing, CancellationToken cancellationToken)
    {
        if (!account.SetupRequired)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already set up", detail: "the admin password is already set; log in");
        }

        var client = ClientOf(http);
        using var slot = hashing.TryEnter();
        if (slot is null)
        {
            return Busy(http);
        }

        if (Reserve(http, limiter, client) is { } refused)
        {
            return refused;
        }

        var (problem, session) = await account.SetUpAsync(request?.Code ?? "", request?.Password ?? "", cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return WebProblems.BadRequest(problem ?? "setup failed");
        }

        limiter.RecordSuccess(client);

        WebLogin.SetCookies(http.Response, session);
        return TypedResults.Ok(LoginResponse.From(session));
    }

    internal static Ok<SessionInfo> Session(HttpContext http, LoginSessions sessions, AdminAccount account, SiteConfigurationService configuration)
    {
        var (session, viaCookie) = WebLogin.Authenticate(http, sessions);
        return TypedResults.Ok(new SessionInfo(
            session is not null,
            session?.Username,
            account.SetupRequired,
            configuration.Current?.Site.Web is { PublicStatus: true },
            viaCookie ? session?.CsrfToken : null));
    }

    internal static NoContent Logout(HttpContext http, LoginSessions sessions)
    {
        if (WebLogin.CurrentSession(http) is { } session)
        {
            sessions.Remove(session.Token);
        }

        WebLogin.ClearCookies(http.Response);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest? request, HttpContext http, AdminAccount account, LoginRateLimiter limiter, PasswordHashGate hashing, CancellationToken cancellationToken)
    {
        var client = ClientOf(http);
        using var slot = hashing.TryEnter();
        if (slot is null)
        {
            return Busy(http);
        }

        // Guessing the password through this endpoint counts as failed logins do.
        if (Reserve(http, limiter, client) is { } refused)
        {
            return refused;
        }

        var current = WebLogin.CurrentSession(http)!;
        var (refusal, session) = await account.ChangePasswordAsync(current.Username, request?.CurrentPassword ?? "", request?.NewPassword ?? "", cancellationToken).ConfigureAwait(false);
        if (refusal is null || !refusal.WrongCurrentPassword)
        {
            limiter.RecordSuccess(client);
        }

        if (refusal is not null)
        {
            return WebProblems.Validation([new ConfigurationProblem(refusal.Path, refusal.Message)], "the password was not changed");
        }

        if (WebLogin.CameByCookie(http))
        {
            WebLogin.SetCookies(http.Response, session!);
        }

        return TypedResults.Ok(LoginResponse.From(session!));
    }

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static ProblemHttpResult Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many logins at once",
            detail: "every password check is in use; try again in a moment");
    }

    /// <summary>Counts the attempt before its password is hashed; a 429 when the address must wait.</summary>
    private static ProblemHttpResult? Reserve(HttpContext http, LoginRateLimiter limiter, string client)
    {
        if (limiter.TryReserve(client, out var wait))
        {
            return null;
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed logins",
            detail: $"{LoginRateLimiter.MaxFailures} failed attempts from this address; try again in {seconds} s");
    }
}
