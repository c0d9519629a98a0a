using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Web.Metrics;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed class MetricsTests
{
    [Fact]
    public void The_histogram_counts_each_cycle_into_every_bucket_at_or_above_it()
    {
        var histogram = new PrometheusHistogram(ControlLoopHistograms.BucketsSeconds);
        histogram.Observe(0.003);
        histogram.Observe(0.03);
        histogram.Observe(3);

        var (cumulative, count, sum) = histogram.Snapshot();

        Assert.Equal([0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2], cumulative);
        Assert.Equal(3, count);
        Assert.Equal(3.033, sum, 6);
    }

    [Fact]
    public void The_text_format_has_the_grid_per_phase_the_limit_the_charging_connectors_and_the_histogram()
    {
        var status = new SiteStatus(
            DateTimeOffset.UnixEpoch, "garage-42", 7, "fair-share",
            new GridView([101.5, 99, 87.25], 245, false, DateTimeOffset.UnixEpoch),
            [32, 16, 16],
            [
                new ChargerView("CP001", true, null, [new ConnectorView(1, "charging", [16, 16, 16], 16, "fair", true)]),
                new ChargerView("wb-02", false, "timeout", [new ConnectorView(1, "available", [0, 0, 0], null, null, true)]),
            ],
            12.5) { LatencyMs = 12.5 };
        var histograms = new ControlLoopHistograms();
        histograms.Observe(status);
        histograms.Observe(status with { LatencyMs = null }); // a periodic cycle on no new reading: no latency sample

        var text = MetricsEndpoint.Render(status, histograms, 42);

        Assert.Contains("chargenet_grid_current_amperes{phase=\"L1\"} 101.5\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_grid_current_amperes{phase=\"L3\"} 87.25\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_grid_limit_amperes 245\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_allocated_amperes{phase=\"L1\"} 32\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_connectors_charging 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_chargers_online 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_control_latency_seconds_bucket{le=\"0.01\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_control_latency_seconds_bucket{le=\"0.025\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_control_latency_seconds_bucket{le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_control_latency_seconds_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_control_cycle_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE chargenet_control_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("chargenet_events_stored 42\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE chargenet_control_cycle_seconds histogram\n", text, StringComparison.Ordinal);
    }
}
