using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The live site status: now, as a stream (SSE), and the grid's last hour.</summary>
public static class StatusApi
{
    public const int MaxHistoryMinutes = 24 * 60;
    private const int MaxChartPoints = 720;

    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        var status = api.MapGroup("/status").WithTags("Status").AddEndpointFilter(new RequireLoginFilter { OpenWhenStatusPublic = true });
        status.MapGet("/", Get).WithSummary("The site after the last control cycle (the fields of MQTT telemetry)");
        status.MapGet("/live", Live).WithSummary("Server-sent events: one 'status' event per control cycle");
        status.MapGet("/history", History).WithSummary("The grid meter's current per phase over the last minutes (default 60)");
        return api;
    }

    internal static Results<Ok<SiteStatus>, ProblemHttpResult> Get(ControlLoop loop, ShownStatus shown, HttpContext http) =>
        shown.On(loop.Latest) is { } status
            ? TypedResults.Ok(StatusForReader.For(http, status))
            : WebProblems.Unavailable("the control loop has not completed a cycle yet");

    internal static ServerSentEventsResult<SiteStatus> Live(ControlLoop loop, ShownStatus shown, HttpContext http) =>
        TypedResults.ServerSentEvents(StatusFeed.FollowAsync(loop, http.RequestAborted).Select(s => StatusForReader.For(http, shown.On(s)!)), "status");

    internal static async Task<Results<Ok<List<GridSamplePoint>>, ProblemHttpResult>> History(
        int? minutes, IEdgeStore store, SiteConfigurationService configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        if (minutes is < 1 or > MaxHistoryMinutes)
        {
            return WebProblems.BadRequest($"minutes must be between 1 and {MaxHistoryMinutes}, not {minutes}");
        }

        if (configuration.Current?.Site.Grid.Meter is not { Length: > 0 })
        {
            return WebProblems.Unavailable("no grid meter is configured");
        }

        // Kept under the grid's own id whatever the meter is called (MeterSampleRecorder).
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(minutes ?? 60);
        var samples = await store.Samples.ListAsync(MeterSampleRecorder.GridMeterId, since, cancellationToken).ConfigureAwait(false);
        var step = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)MaxChartPoints));
        var points = samples
            .Where((_, i) => i % step == 0)
            .Select(s => new GridSamplePoint(s.Ts, [s.CurrentA.L1, s.CurrentA.L2, s.CurrentA.L3]))
            .ToList();
        return TypedResults.Ok(points);
    }
}
