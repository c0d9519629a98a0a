using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>
/// Counts control-cycle durations into Prometheus histogram buckets as cycles complete. The
/// balancer's budget is one period (1 s by default), so the buckets are finest below 100 ms.
/// </summary>
public sealed class CycleLatencyHistogram : IDisposable
{
    public static IReadOnlyList<double> BucketsSeconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly ControlLoop? _loop;
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[BucketsSeconds.Count];
    private long _total;
    private double _sumSeconds;

    public CycleLatencyHistogram(ControlLoop loop)
    {
        _loop = loop;
        loop.CycleCompleted += OnCycle;
    }

    internal CycleLatencyHistogram()
    {
    }

    public void Observe(double seconds)
    {
        lock (_lock)
        {
            for (var i = 0; i < BucketsSeconds.Count; i++)
            {
                if (seconds <= BucketsSeconds[i])
                {
                    _counts[i]++;
                }
            }

            _total++;
            _sumSeconds += seconds;
        }
    }

    /// <summary>A consistent copy: cumulative count per bucket, the total count and the sum.</summary>
    public (long[] Cumulative, long Count, double SumSeconds) Snapshot()
    {
        lock (_lock)
        {
            return ((long[])_counts.Clone(), _total, _sumSeconds);
        }
    }

    public void Dispose()
    {
        if (_loop is not null)
        {
            _loop.CycleCompleted -= OnCycle;
        }
    }

    private void OnCycle(SiteStatus status) => Observe(status.CycleMs / 1000.0);
}
