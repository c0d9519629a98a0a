using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web;

/// <summary>The health endpoints; the REST API and page grow from here (issue 8).</summary>
public static class EdgeWeb
{
    public static WebApplicationBuilder AddEdgeWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapEdgeApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => TypedResults.Text("ok\n"));
        app.MapGet("/readyz", Ready);
        app.MapGet("/api/v1/status", Status);
        return app;
    }

    /// <summary>The site's live status: the fields of the MQTT telemetry payload.</summary>
    internal static Results<Ok<SiteStatus>, ProblemHttpResult> Status(ControlLoop loop, SiteConfigurationService configuration)
    {
        if (configuration.Current?.Site.Web is not { PublicStatus: true })
        {
            // Login arrives with the REST API (issue 8); until then only a site that opened its status shows it.
            return TypedResults.Problem(detail: "the status is not public on this site; log in", statusCode: StatusCodes.Status401Unauthorized);
        }

        return loop.Latest is { } status
            ? TypedResults.Ok(status)
            : TypedResults.Problem(detail: "the control loop has not completed a cycle yet", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Ready when the store answers and a site configuration is in force.</summary>
    internal static async Task<Results<Ok<string>, ProblemHttpResult>> Ready(IEdgeStore store, SiteConfigurationService configuration, CancellationToken cancellationToken)
    {
        try
        {
            await store.Revisions.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the store means "not ready", with the reason shown.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return TypedResults.Problem(detail: "the store does not answer: " + ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return configuration.Current is null
            ? TypedResults.Problem(detail: "no site configuration is in force yet", statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok("ready");
    }
}
