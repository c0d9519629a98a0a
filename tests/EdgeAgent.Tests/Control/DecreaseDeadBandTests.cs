using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Issue 13 property 8: "no dead-band ever hides a decrease". The loop's dead-band (<see cref="ControlLoopOptions.MinChangeA"/>)
/// holds small raises only; a one-step cut computed in floating point (16 − 15.9 = 0.0999…) fell under it and was never sent.
/// </summary>
public sealed class DecreaseDeadBandTests
{
    [Theory]
    [InlineData(15.9)]
    [InlineData(15.95)]
    public async Task A_cut_smaller_than_the_dead_band_is_sent(double capA)
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy());
        harness.ManualLimits.Set(new ManualLimit("CP003", null, 16, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(16, TwoCarSite.Connector(harness.Loop.Latest!, "CP003").LimitA);

        harness.ManualLimits.Set(new ManualLimit("CP003", null, capA, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(5));

        Assert.True(TwoCarSite.Connector(harness.Loop.Latest!, "CP003").LimitA <= capA, $"still {TwoCarSite.Connector(harness.Loop.Latest!, "CP003").LimitA} A under a {capA} A cap");
    }
}
