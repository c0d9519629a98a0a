using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Charging sessions, newest first, paged, by charger, as JSON or CSV.</summary>
public static class SessionsApi
{
    public const string TotalCountHeader = "X-Total-Count";

    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions").AddEndpointFilter(new RequireLoginFilter());
        sessions.MapGet("/", List).WithSummary("Sessions newest first: limit (default 100, at most 10000), offset, chargerId");
        sessions.MapGet("/export.csv", Csv).WithSummary("The same list as CSV");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<ChargingSession>>, ProblemHttpResult>> List(
        int? limit, int? offset, string? chargerId, HttpResponse response, IEdgeStore store, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.From(limit, offset);
        if (problem is not null)
        {
            return problem;
        }

        if (chargerId is null)
        {
            response.Headers[TotalCountHeader] = (await store.Sessions.CountAsync(cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Ok(await store.Sessions.ListAsync(paging.Limit, paging.Offset, chargerId, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(
        int? limit, int? offset, string? chargerId, IEdgeStore store, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.From(limit ?? Paging.MaxLimit, offset);
        if (problem is not null)
        {
            return problem;
        }

        var sessions = await store.Sessions.ListAsync(paging.Limit, paging.Offset, chargerId, cancellationToken).ConfigureAwait(false);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(SessionsCsv.Write(sessions)), "text/csv; charset=utf-8", "sessions.csv");
    }
}
