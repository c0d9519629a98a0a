using System.Globalization;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>A Prometheus histogram in seconds: cumulative bucket counts, the count and the sum, safe to observe from any thread.</summary>
public sealed class PrometheusHistogram
{
    private readonly Lock _lock = new();
    private readonly long[] _counts;
    private long _total;
    private double _sumSeconds;

    public PrometheusHistogram(IReadOnlyList<double> bucketsSeconds)
    {
        BucketsSeconds = bucketsSeconds;
        _counts = new long[bucketsSeconds.Count];
    }

    public IReadOnlyList<double> BucketsSeconds { get; }

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

    /// <summary>Writes the family: HELP, TYPE, a sample per bucket, +Inf, sum and count.</summary>
    public void WriteTo(PrometheusText text, string name, string help)
    {
        var (cumulative, count, sum) = Snapshot();
        text.Family(name, "histogram", help);
        for (var i = 0; i < BucketsSeconds.Count; i++)
        {
            text.Sample(name + "_bucket", cumulative[i], ("le", BucketsSeconds[i].ToString("R", CultureInfo.InvariantCulture)));
        }

        text.Sample(name + "_bucket", count, ("le", "+Inf"))
            .Sample(name + "_sum", sum)
            .Sample(name + "_count", count);
    }
}
