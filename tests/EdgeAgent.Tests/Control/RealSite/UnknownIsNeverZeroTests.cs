using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 6: a connector with no status yet, an unmapped Modbus state, or a current reported without
/// a phase is counted conservatively, never as 0 A — measured as property 1 on sites full of them.
/// </summary>
public sealed class UnknownIsNeverZeroTests
{
    public static TheoryData<int, double> Sites => new() { { 51, 1 }, { 52, 2 }, { 53, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Connectors_the_loop_knows_little_of_never_let_the_cars_overload_the_site(int seed, double deadTimeS)
    {
        var recipe = RandomRecipes.Site(seed, deadTimeS) with
        {
            SilentAtStartShare = 0.3,
            NoPhaseShare = 0.5,
            UnmappedStateShare = 0.5,
        };

        var f = await RealSiteRun.FiguresAsync(recipe);

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
    }
}
