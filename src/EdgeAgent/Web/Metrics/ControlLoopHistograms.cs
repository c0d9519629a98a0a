using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>
/// The control loop's two histograms, filled as cycles complete: how long a cycle's own work takes,
/// and the latency from a grid-meter reading's timestamp to the setpoints it caused being sent
/// (one sample per reading acted on). The target for the latency is 50 ms, so the buckets are
/// finest below 100 ms.
/// </summary>
public sealed class ControlLoopHistograms : IDisposable
{
    public static IReadOnlyList<double> BucketsSeconds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly ControlLoop? _loop;

    public ControlLoopHistograms(ControlLoop loop)
        : this()
    {
        _loop = loop;
        loop.CycleCompleted += Observe;
    }

    internal ControlLoopHistograms()
    {
    }

    /// <summary><c>chargenet_control_cycle_seconds</c>: a cycle's own work, from its start to the setpoints sent.</summary>
    public PrometheusHistogram Cycle { get; } = new(BucketsSeconds);

    /// <summary><c>chargenet_control_latency_seconds</c>: from the meter reading's timestamp to the setpoints sent.</summary>
    public PrometheusHistogram Latency { get; } = new(BucketsSeconds);

    public void Observe(SiteStatus status)
    {
        Cycle.Observe(status.CycleMs / 1000.0);
        if (status.LatencyMs is { } latencyMs)
        {
            Latency.Observe(latencyMs / 1000.0);
        }
    }

    public void Dispose()
    {
        if (_loop is not null)
        {
            _loop.CycleCompleted -= Observe;
        }
    }
}
