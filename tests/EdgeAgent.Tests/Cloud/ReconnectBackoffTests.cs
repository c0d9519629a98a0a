using ChargeNet.EdgeAgent.Cloud;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void The_ceiling_doubles_per_failure_up_to_the_max_and_a_success_starts_again()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.999999);
        var delays = Enumerable.Range(0, 7).Select(_ => Math.Round(backoff.NextDelay().TotalSeconds)).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);

        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Ceiling);
    }

    [Fact]
    public void Full_jitter_spreads_a_thousand_sites_over_the_whole_window()
    {
        var random = new Random(42);
        var delays = Enumerable.Range(0, 1000)
            .Select(_ =>
            {
                var site = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), random.NextDouble);
                for (var i = 0; i < 5; i++)
                {
                    site.NextDelay();
                }

                return site.NextDelay().TotalSeconds; // the sixth wait: ceiling 32 s
            })
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, 0, 32));
        // No second holds more than a few percent of the sites (uniform: about 1000/32 each).
        Assert.True(delays.GroupBy(d => (int)d).Max(g => g.Count()) < 70);
        Assert.InRange(delays.Average(), 13, 19);
    }
}
