using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 4: once the grid meter is unknown, the cars together draw at most fallbackCurrentA per
/// phase within meterTimeoutS + one cycle + their dead time — chargers reporting every 60 s (stale)
/// included.
/// </summary>
public sealed class MeterFaultTests
{
    public static TheoryData<MeterFault, double> Faults()
    {
        var data = new TheoryData<MeterFault, double>();
        foreach (var fault in new[] { MeterFault.Silent, MeterFault.PortClosed, MeterFault.ExceptionAnswer, MeterFault.Frozen })
        {
            foreach (var deadTimeS in new[] { 1.0, 2.0, 5.0 })
            {
                data.Add(fault, deadTimeS);
            }
        }

        return data;
    }

    [RealSiteTheory]
    [MemberData(nameof(Faults))]
    public async Task After_the_grid_meter_fails_the_cars_are_at_the_fallback_current_within_the_bound(MeterFault fault, double deadTimeS)
    {
        var recipe = RandomRecipes.Site((int)fault + (int)deadTimeS, deadTimeS) with
        {
            GridMeterFault = fault,
            SlowMeterValuesShare = 0.5,
        };

        var f = await RealSiteRun.FiguresAsync(recipe, recipe.FaultAt + recipe.FaultLength + TimeSpan.FromSeconds(10));

        Assert.True(f.FallbackS <= f.FallbackBoundS, $"the cars reached the fallback current only after {f.FallbackS:0.0} s (bound {f.FallbackBoundS:0.0} s), up to {f.FallbackExcessA:0.0} A above it after the bound: {f}");
    }
}
