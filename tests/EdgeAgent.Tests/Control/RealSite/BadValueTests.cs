using ChargeNet.SiteSimulator;
using Xunit.Abstractions;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 7: one bad value (NaN currents, a 1e308 Wh counter, a NaN grid reading) makes that device's data unknown;
/// no cycle fails, the site stays under its limits, and the loop goes on for everyone else — measured against the
/// same site whose devices report only good values. The sites' own capacity use is property 2's (<see cref="CapacityUseTests"/>).
/// </summary>
public sealed class BadValueTests(ITestOutputHelper output)
{
    /// <summary>
    /// How far the bad values may pull the capacity use under the good site's: a charger whose data is unknown is counted at the
    /// most it may draw (property 6), and the two runs take different paths from there (docs/control-loop-sessions.md, Session 32). Four
    /// points since Session 41: its reclaim rule took seed 63's good site from 89.2 to 92.6 %, while the bad one stayed at
    /// 89.4 → 89.1 % — its chargers of unknown data counted on all their phases (`site --seed 63 --dead-times 5 --bad-values
    /// --loss`: HeldOffPhase 3.4 points in steady state against 0.5 on the good site) have no draw to be held down to.
    /// </summary>
    private const double PathToleranceShare = 0.04;

    public static TheoryData<int, double> Sites => new() { { 61, 1 }, { 62, 2 }, { 63, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Impossible_readings_never_stop_control(int seed, double deadTimeS)
    {
        // The same draws either way (SiteBuilder draws each device's share whatever it is): only the values differ.
        var good = RandomRecipes.Site(seed, deadTimeS);
        var bad = good with { ImpossibleValuesShare = 0.15, GridMeterFault = MeterFault.NotANumber };

        // RealSiteRun fails the test on any failed cycle.
        var f = await RealSiteRun.FiguresAsync(bad);
        var reference = await RealSiteRun.FiguresAsync(good);
        output.WriteLine($"with bad values: capacity use {f.CapacityUse:P1}, overload {f.MaxOverloadA:0.0} A; without: {reference.CapacityUse:P1}, {reference.MaxOverloadA:0.0} A");

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
        Assert.True(
            f.CapacityUse >= reference.CapacityUse - PathToleranceShare,
            $"capacity use {f.CapacityUse:P1} with bad values against {reference.CapacityUse:P1} without: {f}\nwithout: {reference}");
    }
}
