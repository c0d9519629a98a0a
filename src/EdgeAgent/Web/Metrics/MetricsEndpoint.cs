using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary><c>/metrics</c>: the site's state after the last cycle, in Prometheus text format.</summary>
public static class MetricsEndpoint
{
    private static readonly string[] Phases = ["L1", "L2", "L3"];

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapGet("/metrics", Get).WithTags("Health").WithSummary("Prometheus text format");
        return app;
    }

    internal static async Task<ContentHttpResult> Get(ControlLoop loop, ControlLoopHistograms histograms, IEdgeStore store, CancellationToken cancellationToken)
    {
        var events = await store.Events.CountAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(Render(loop.Latest, histograms, events), PrometheusText.ContentType);
    }

    internal static string Render(SiteStatus? status, ControlLoopHistograms histograms, int storedEvents)
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
        }

        histograms.Latency.WriteTo(text, "chargenet_control_latency_seconds", "Latency from a grid-meter reading's timestamp to the setpoints it caused being sent.");
        histograms.Cycle.WriteTo(text, "chargenet_control_cycle_seconds", "A control cycle's own work, from its start to the setpoints sent.");
        text.Family("chargenet_events_stored", "gauge", "Events in the store's event log.")
            .Sample("chargenet_events_stored", storedEvents);
        return text.ToString();
    }
}
