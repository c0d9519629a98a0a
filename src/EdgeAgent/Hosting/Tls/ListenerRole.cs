using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace ChargeNet.EdgeAgent.Hosting.Tls;

/// <summary>
/// What a listener serves (docs/security.md): the web listener the page, REST API, login,
/// health and metrics; the OCPP listener only <c>/ocpp/…</c> and the charger file URLs
/// (<c>/ocpp-files/…</c>); an address named in both lists serves both. Each connection carries its
/// listener's role from accept on; a request outside its listener's role is answered 404, as if the
/// route did not exist there. Each listener also caps its open connections, so a flood on one port
/// cannot take the connections the other needs (Kestrel's own limits are server-wide).
/// </summary>
[Flags]
public enum ListenerRole
{
    Web = 1,
    Ocpp = 2,
}

/// <summary>Tags connections with their listener's role, and refuses requests outside it.</summary>
public static class ListenerRoles
{
    /// <summary>Open connections a web listener keeps at once (the page, scripts, scrapers of one site).</summary>
    public const int MaxWebConnections = 1024;

    /// <summary>Open connections an OCPP listener keeps at once: one per charger, with room for reconnects.</summary>
    public const int MaxOcppConnections = 2048;

    private const string ItemKey = "chargenet.listener-role";

    /// <summary>Connection middleware for one listener: tags each connection and closes those beyond the cap.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Tag(ListenerRole role)
    {
        var open = 0;
        var cap = role.HasFlag(ListenerRole.Ocpp) ? MaxOcppConnections : MaxWebConnections;
        return next => async connection =>
        {
            if (Interlocked.Increment(ref open) > cap)
            {
                Interlocked.Decrement(ref open);
                connection.Abort(new ConnectionAbortedException("too many open connections on this listener"));
                return;
            }

            try
            {
                connection.Items[ItemKey] = role;
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        };
    }

    /// <summary>True when the request's listener serves its path; a request from an untagged listener (a test host) passes.</summary>
    public static bool Serves(HttpContext http)
    {
        if (http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var tagged) is not true || tagged is not ListenerRole role)
        {
            return true;
        }

        var path = http.Request.Path;
        var ocpp = path.StartsWithSegments("/ocpp", StringComparison.Ordinal) || path.StartsWithSegments(Drivers.Ocpp.Files.OcppFileUrls.Prefix, StringComparison.Ordinal);
        return role.HasFlag(ocpp ? ListenerRole.Ocpp : ListenerRole.Web);
    }

    /// <summary>Answers 404 to a request its listener does not serve; first in the pipeline.</summary>
    public static IApplicationBuilder UseListenerRoles(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (Serves(http))
            {
                return next(http);
            }

            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
