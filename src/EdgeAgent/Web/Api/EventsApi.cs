using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The site's event log, newest first, paged.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events").AddEndpointFilter(new RequireLoginFilter());
        events.MapGet("/", List).WithSummary("Events newest first: limit (default 100, at most 10000), offset");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<EdgeEvent>>, ProblemHttpResult>> List(
        int? limit, int? offset, HttpResponse response, IEdgeStore store, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.From(limit, offset);
        if (problem is not null)
        {
            return problem;
        }

        response.Headers[SessionsApi.TotalCountHeader] = (await store.Events.CountAsync(cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(await store.Events.ListAsync(paging.Limit, paging.Offset, cancellationToken).ConfigureAwait(false));
    }
}
