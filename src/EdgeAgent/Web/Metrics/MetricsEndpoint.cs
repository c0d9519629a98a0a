using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>
/// <c>/metrics</c>: the site's state after the last cycle, in Prometheus text format. It shows live
/// site data, so it is open exactly when the status is (<c>web.publicStatus</c>); otherwise it needs
/// a login or the scrape token (<see cref="ScrapeToken"/>).
/// </summary>
public static class MetricsEndpoint
{
    private static readonly string[] Phases = ["L1", "L2", "L3"];

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var scrapeToken = ScrapeToken.From(app.Configuration);
        app.MapGet("/metrics", Get).WithTags("Health").WithSummary("Prometheus text format (open when web.publicStatus is on; else a login or the scrape token)")
            .AddEndpointFilter(new RequireLoginFilter { OpenWhenStatusPublic = true, Admits = scrapeToken.Matches });
        return app;
    }

    internal static async Task<ContentHttpResult> Get(ControlLoop loop, ShownStatus shown, ControlLoopHistograms histograms, StoredEventsGauge events, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(Render(shown.On(loop.Latest), histograms, stored), PrometheusText.ContentType);
    }

    internal static string Render(SiteStatus? status, ControlLoopHistograms histograms, int? storedEvents)
    {
        var text = new PrometheusText();
        if (status is not null)
        {
            text.Family("chargenet_grid_current_amperes", "gauge", "Measured grid current per phase.");
            if (status.Grid.CurrentA is { } current)
            {
                for (var i = 0; i < Phases.Length; i++)
                {
                    text.Sample("chargenet_grid_current_amperes", current[i], ("phase", Phases[i]));
                }
            }

            text.Family("chargenet_grid_limit_amperes", "gauge", "The per-phase grid limit in force (the fuse, or the fallback current).")
                .Sample("chargenet_grid_limit_amperes", status.Grid.LimitA);
            text.Family("chargenet_grid_fallback", "gauge", "1 while the grid meter is unknown and the fallback current applies.")
                .Sample("chargenet_grid_fallback", status.Grid.Fallback ? 1 : 0);
            text.Family("chargenet_allocated_amperes", "gauge", "The sum of the limits given to chargers, per grid phase.");
            for (var i = 0; i < Phases.Length && i < status.AllocatedA.Length; i++)
            {
                text.Sample("chargenet_allocated_amperes", status.AllocatedA[i], ("phase", Phases[i]));
            }

            text.Family("chargenet_chargers_online", "gauge", "Chargers that answer.")
                .Sample("chargenet_chargers_online", status.Chargers.Count(c => c.Online));
            text.Family("chargenet_connectors_charging", "gauge", "Connectors charging now.")
                .Sample("chargenet_connectors_charging", status.Chargers.Sum(c => c.Connectors.Count(k => k.State == "charging")));
            text.Family("chargenet_config_revision", "gauge", "The site configuration revision in force.")
                .Sample("chargenet_config_revision", status.Revision);
            text.Family("chargenet_control_cycle_last_seconds", "gauge", "How long the last control cycle's own work took.")
                .Sample("chargenet_control_cycle_last_seconds", status.CycleMs / 1000.0);
            text.Family("chargenet_startup_hold", "gauge", "1 until the first valid grid reading: every charger held at its failsafe current.")
                .Sample("chargenet_startup_hold", status.StartupHold ? 1 : 0);
            WriteUpstream(text, status);
        }

        histograms.Latency.WriteTo(text, "chargenet_control_latency_seconds", "Latency from a grid-meter reading's timestamp to the setpoints it caused being sent.");
        histograms.Cycle.WriteTo(text, "chargenet_control_cycle_seconds", "A control cycle's own work, from its start to the setpoints sent.");
        if (storedEvents is { } events)
        {
            text.Family("chargenet_events_stored", "gauge", "Events in the store's event log (counted at most once a minute).")
                .Sample("chargenet_events_stored", events);
        }

        return text.ToString();
    }

    /// <summary>Each relayed charger's upstream link (docs/upstream.md, "Visible"); nothing without an upstream.</summary>
    private static void WriteUpstream(PrometheusText text, SiteStatus status)
    {
        var relayed = status.Chargers.Where(c => c.Upstream is not null).ToList();
        if (relayed.Count == 0)
        {
            return;
        }

        text.Family("chargenet_upstream_connected", "gauge", "1 while the charger's link to the upstream central system is open.");
        foreach (var charger in relayed)
        {
            text.Sample("chargenet_upstream_connected", charger.Upstream!.Connected ? 1 : 0, ("charger", charger.Id));
        }

        text.Family("chargenet_upstream_queued_messages", "gauge", "The charger's messages waiting for the upstream central system.");
        foreach (var charger in relayed)
        {
            text.Sample("chargenet_upstream_queued_messages", charger.Upstream!.Queued, ("charger", charger.Id));
        }
    }
}
