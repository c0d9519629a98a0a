using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 2: in steady state the cars draw at least 90 % of what the grid, the circuits and the cars
/// themselves allow (the runs are deterministic on the fake clock: 93.2, 94.3, 90.0, 92.5 and 96.6 %).
/// </summary>
public sealed class CapacityUseTests
{
    public static TheoryData<int, double> Sites => new() { { 11, 1 }, { 12, 2 }, { 13, 2 }, { 14, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Cars_use_at_least_90_percent_of_the_room_in_steady_state(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS));

        Assert.True(f.SteadySeconds > 60, $"the run had only {f.SteadySeconds:0} s of steady state");
        Assert.True(f.CapacityUse >= 0.9, $"capacity use {f.CapacityUse:P0}: {f}");
    }

    /// <summary>
    /// The sites of <see cref="BadValueTests"/> with good values only. Seed 63 met since Session 41 (89.2 → 92.6 %: a car is held down on
    /// what it did with every limit of the last 10 s; docs/control-loop-sessions.md, Session 41).
    /// </summary>
    [RealSiteTheory]
    [InlineData(63, 5)]
    public Task Cars_use_at_least_90_percent_of_the_room_on_the_bad_value_sites_with_good_values(int seed, double deadTimeS) =>
        AssertUsesTheRoomOfABadValueSite(seed, deadTimeS);

    /// <summary>
    /// Open: seed 62 at 87.2 % (2026-12-06, and still in Session 41). Where the room goes (site bench `--random-site --loss`):
    /// three-phase cars held by their fullest phase beside a waiting three-phase car (91 % within phases) and the +60 A step's
    /// pauses sitting out their hold (docs/control-loop-sessions.md, Session 32).
    /// </summary>
    [RealSiteTheory]
    [Trait(RealSiteTrait.Name, RealSiteTrait.Open)]
    [InlineData(62, 2)]
    public Task Cars_use_at_least_90_percent_of_the_room_on_the_bad_value_site_with_three_phase_cars_held_by_their_fullest_phase(int seed, double deadTimeS) =>
        AssertUsesTheRoomOfABadValueSite(seed, deadTimeS);

    private static async Task AssertUsesTheRoomOfABadValueSite(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS));

        Assert.True(f.SteadySeconds > 60, $"the run had only {f.SteadySeconds:0} s of steady state");
        Assert.True(f.CapacityUse >= 0.9, $"capacity use {f.CapacityUse:P0}: {f}");
    }

    [RealSiteTheory]
    [InlineData(21, 2)]
    public async Task A_200_connector_site_uses_at_least_90_percent_of_the_room(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS) with { Connectors = 200 }, TimeSpan.FromMinutes(4));

        Assert.True(f.CapacityUse >= 0.9, $"capacity use {f.CapacityUse:P0}: {f}");
    }

    /// <summary>
    /// The two figures beside it (docs/control-loop-sessions.md, Session 16, "Capacity"): settled time is part of the steady
    /// time, and room under a car's 6 A minimum counted as none leaves no more room than the issue's own sum.
    /// </summary>
    [RealSiteTheory]
    [InlineData(11, 1)]
    public async Task Settled_time_is_steady_time_and_room_under_a_minimum_is_not_more_room(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS), TimeSpan.FromMinutes(9));

        Assert.InRange(f.SettledSeconds, 1, f.SteadySeconds);
        Assert.True(f.CapacityUseAboveMinimum >= f.CapacityUse, $"{f.CapacityUseAboveMinimum:P1} against {f.CapacityUse:P1}");
    }
}
