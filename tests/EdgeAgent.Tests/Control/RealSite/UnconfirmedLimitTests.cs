using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 5: a limit that did not take effect (rejected, timed out, still pending) is never counted
/// as if it had, and a restarted edge counts its OCPP chargers at what they may really draw. Measured
/// as property 1 on sites full of chargers that refuse, never answer or answer after 3 s.
/// </summary>
public sealed class UnconfirmedLimitTests
{
    // Seed 51 at 5 s: three pauses timed out at the +60 A step (docs/control-loop.md, "While a meter reads over its limit").
    public static TheoryData<int, double> Sites => new() { { 41, 1 }, { 42, 2 }, { 43, 5 }, { 51, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Rejected_timed_out_and_pending_limits_never_let_the_cars_overload_the_site(int seed, double deadTimeS)
    {
        var recipe = RandomRecipes.UnconfirmedLimits(seed, deadTimeS);

        var f = await RealSiteRun.FiguresAsync(recipe);

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
        Assert.True(f.LateRecoveries == 0, $"{f.LateRecoveries} of {f.Rises} rises not answered within {deadTimeS + 1} s: {f}");
    }

    [RealSiteTheory]
    [InlineData(44, 2)]
    [InlineData(45, 5)]
    public async Task A_restarted_edge_counts_its_chargers_at_what_they_may_really_draw(int seed, double deadTimeS)
    {
        // No rise of the base load in this run: any overload after the restart is the restart's.
        var recipe = RandomRecipes.Site(seed, deadTimeS) with { OcppShare = 1, SlowMeterValuesShare = 0.5, FirstStepAt = TimeSpan.FromHours(1) };
        var (before, f) = await RealSiteRun.AcrossRestartAsync(recipe, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

        Assert.True(f.MaxOverloadA <= Math.Max(1, before.MaxOverloadA), $"after the restart: car-caused overload {f.MaxOverloadA:0.0} A ({f.WorstOverload}); before it {before.MaxOverloadA:0.0} A");
    }
}
