using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>Property 1: the cars never overload a phase of any circuit by more than 1 A, except in the grace after a rise of the base load.</summary>
public sealed class CarCausedOverloadTests
{
    public static TheoryData<int, double> Sites => new() { { 1, 1 }, { 2, 1 }, { 3, 2 }, { 4, 2 }, { 5, 5 }, { 6, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Cars_cause_at_most_1_A_of_overload_and_the_grid_is_back_under_its_limit_within_dead_time_plus_1_s(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS));

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
        Assert.True(f.LateRecoveries == 0, $"{f.LateRecoveries} of {f.Rises} rises not answered within {deadTimeS + 1} s: {f}");
    }
}
