using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 8: a raise waits until every decrease sent before it is confirmed or a dead time old, so
/// the current freed by a slow charger is never handed out twice.
/// </summary>
public sealed class DecreaseBeforeIncreaseTests
{
    public static TheoryData<int, double> Sites => new() { { 71, 1 }, { 72, 2 }, { 73, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Raises_wait_for_the_decreases_before_them(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS));

        Assert.True(f.RaisesBeforeDecreases == 0, $"{f.RaisesBeforeDecreases} raises were sent before the decreases before them took effect: {f}");
    }
}
