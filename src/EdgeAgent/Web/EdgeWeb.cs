using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Hosting.Tls;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Api;
using ChargeNet.EdgeAgent.Web.Auth;
using ChargeNet.EdgeAgent.Web.Driver;
using ChargeNet.EdgeAgent.Web.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web;

/// <summary>The local web page, the REST API under /api/v1, OpenAPI, health and metrics.</summary>
public static partial class EdgeWeb
{
    public const string ApiPrefix = "/api/v1";

    public static WebApplicationBuilder AddEdgeWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<LoginSessions>();
        builder.Services.AddSingleton<LoginRateLimiter>();
        builder.Services.AddPublicStationsRateLimit();
        builder.Services.AddSingleton<PasswordHashGate>();
        builder.Services.AddSingleton<AdminAccount>();
        builder.Services.AddHostedService<AdminAccountInitializer>();
        builder.Services.AddSingleton<ControlLoopHistograms>();
        builder.Services.AddSingleton(sp => new StoredEventsGauge(sp.GetRequiredService<IEdgeStore>().Events.CountAsync, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    public static WebApplication MapEdgeApi(this WebApplication app)
    {
        app.UseListenerRoles();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        // Created now so that it counts cycles from the first one on.
        app.Services.GetRequiredService<ControlLoopHistograms>();

        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).WithTags("Health").WithSummary("Liveness");
        app.MapGet("/readyz", Ready).WithTags("Health").WithSummary("The store answers and a configuration is in force");
        app.MapMetrics();
        app.MapOpenApi();

        var api = app.MapGroup(ApiPrefix);
        api.MapLoginApi();
        api.MapStatusApi();
        api.MapConfigApi();
        api.MapChargersApi();
        api.MapDeviceTestApi();
        api.MapSessionsApi();
        api.MapStatementsApi();
        api.MapEventsApi();
        api.MapAuthorizationListApi();
        api.MapFirmwareApi();
        api.MapGpioApi();
        api.MapPublicStationsApi();
        api.MapDriverApi();
        api.MapStickerApi();
        app.MapDriverPage();
        return app;
    }

    /// <summary>
    /// Ready when the store answers, a site configuration is in force and the control loop controls.
    /// Open to anyone: the reason names no file, path or exception (those go to the log).
    /// </summary>
    internal static async Task<Results<Ok<string>, ProblemHttpResult>> Ready(IEdgeStore store, SiteConfigurationService configuration, ControlLoop loop, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        try
        {
            await store.Revisions.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the store means "not ready".
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogStoreNotReady(logs.CreateLogger(typeof(EdgeWeb).FullName!), ex);
            return TypedResults.Problem(detail: "the store does not answer (see the daemon's log)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // From the loop's own count: a loop whose every cycle failed since the start has no status to say so.
        if (loop.FailedCyclesInARow is > 0 and var failed)
        {
            return TypedResults.Problem(detail: $"the control loop is not controlling: {failed} cycles in a row failed, the chargers are at their failsafe currents", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (loop.FailedRecently is { } ago)
        {
            return TypedResults.Problem(detail: $"a control cycle failed {ago.TotalSeconds:0} s ago: ready once cycles complete for {ControlLoop.ReadyAfterFailure.TotalSeconds:0} s", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (loop.Stalled is { } stalled)
        {
            return TypedResults.Problem(detail: $"the control loop has not ended a cycle for {stalled.TotalSeconds:0} s: it is not controlling", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return configuration.Current is null
            ? TypedResults.Problem(detail: "no site configuration is in force yet", statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok("ready");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "readyz: the store does not answer")]
    private static partial void LogStoreNotReady(ILogger logger, Exception exception);
}
