using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 7: one bad value (NaN currents, a 1e308 Wh counter, a NaN grid reading) makes that
/// device's data unknown; no cycle fails, and the site stays under its limits while the cars use the room.
/// </summary>
[Trait(RealSiteTrait.Name, RealSiteTrait.Open)] // ≥ 90/86/89 % of the room (2026-12-05; 90 % for seed 62 within phases): seeds 62 and 63 lose it in the +60 A step, as they do with no bad value (docs/control-loop.md)
public sealed class BadValueTests
{
    public static TheoryData<int, double> Sites => new() { { 61, 1 }, { 62, 2 }, { 63, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Impossible_readings_never_stop_control(int seed, double deadTimeS)
    {
        var recipe = RandomRecipes.Site(seed, deadTimeS) with
        {
            ImpossibleValuesShare = 0.15,
            GridMeterFault = MeterFault.NotANumber,
        };

        // RealSiteRun fails the test on any failed cycle.
        var f = await RealSiteRun.FiguresAsync(recipe);

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
        Assert.True(f.CapacityUse >= 0.9, $"capacity use {f.CapacityUse:P0}: {f}");
    }
}
