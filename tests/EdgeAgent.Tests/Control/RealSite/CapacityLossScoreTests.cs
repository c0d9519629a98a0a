using ChargeNet.LoadBalancer;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The benchmark's attribution of the unused room (<see cref="CapacityLossScore"/>, docs/control-loop.md "Where the
/// room goes"): its causes add up, window by window, to the gap that capacity use leaves, and none is negative but
/// the cars' draw beyond the room.
/// </summary>
public sealed class CapacityLossScoreTests
{
    [RealSiteTheory]
    [InlineData(11, 2)]
    [InlineData(14, 5)]
    public async Task The_causes_add_up_to_the_room_the_cars_left_in_each_window(int seed, double deadTimeS)
    {
        var recorder = new RecordingStrategy(new FairShareStrategy());
        await using var site = await ClosedLoopSite.StartAsync(RandomRecipes.Site(seed, deadTimeS), recorder);
        var loss = new CapacityLossScore(site.Site, site.Time.GetUtcNow(), recorder);
        site.Observer = s => loss.Observe(s.Time.GetUtcNow(), ClosedLoopSite.PhysicsStep);
        await site.RunAsync(RealSiteRun.Duration);

        var use = site.Figures().CapacityUseByWindow;
        var shares = loss.Shares();
        Assert.Contains(shares, s => s is not null);
        for (var w = 0; w < shares.Count; w++)
        {
            Assert.Equal(use[w] is null, shares[w] is null);
            if (shares[w] is { } s)
            {
                Assert.Equal(1 - use[w]!.Value, s.Gap, 6);
                Assert.All(
                    Enum.GetValues<GapCause>().Where(c => c != GapCause.BeyondRoom),
                    c => Assert.True(s.ByCause[(int)c] >= -1e-9, $"{c} is {s.ByCause[(int)c]:P2} in window {(SteadyWindow)w}"));
            }
        }
    }
}
