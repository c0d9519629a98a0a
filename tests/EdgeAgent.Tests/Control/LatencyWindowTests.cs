using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class LatencyWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_summary_gives_nearest_rank_percentiles_and_the_max_of_the_window_only()
    {
        var window = new LatencyWindow();
        window.Add(T0, 500); // falls out of the 10 s window below
        for (var i = 1; i <= 100; i++)
        {
            window.Add(T0 + TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(i), i);
        }

        var summary = window.Summarize(T0 + TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(10))!;

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50Ms);
        Assert.Equal(99, summary.P99Ms);
        Assert.Equal(100, summary.MaxMs);
    }

    [Fact]
    public void A_window_without_samples_has_no_summary_not_zero_milliseconds()
    {
        var window = new LatencyWindow();
        Assert.Null(window.Summarize(T0, TimeSpan.FromSeconds(10)));

        window.Add(T0, 7);
        Assert.NotNull(window.Summarize(T0.AddSeconds(5), TimeSpan.FromSeconds(10)));
        Assert.Null(window.Summarize(T0.AddSeconds(30), TimeSpan.FromSeconds(10))); // the meter fell silent: its old samples left the window
    }
}
