using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 6: a connector with no status yet, an unmapped Modbus state, or a current reported without
/// a phase is counted conservatively, never as 0 A — measured as property 1 on sites full of them, and after an edge restart
/// whose chargers tell their states late.
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

    // Six connectors, two circuits: c0 (40 A, no meter of its own) is where a car nobody counts goes unseen; the grid meter sees it.
    // Counted idle, such a connector is held at 0 A, which its charger takes (the driver's status ask gives way to it), so only a
    // charger that does not take it leaves a car drawing unseen: of 400 restarts scanned (seeds 61–260 at 2 and 5 s, docs/control-loop-sessions.md,
    // Session 46) seed 211 at 5 s is the one where counting it idle overloads c0 (14.7 A); counted as a car, none overloaded. The
    // other sites are kept as they were chosen in Session 45, when the simulated status ask still held the charger's line. Where half
    // the chargers refuse most limits (the second set), counting it idle overloaded 3 of 200 restarts (seeds 61–160: 74, 104 and 118
    // at 5 s, 1.8–7.0 A); counted as a car, none.
    public static TheoryData<int, double, bool> RestartedSites => new()
    {
        { 211, 5, false }, { 65, 5, false }, { 74, 5, false }, { 125, 2, false }, { 130, 5, false },
        { 74, 5, true }, { 104, 5, true }, { 118, 5, true },
    };

    [RealSiteTheory]
    [MemberData(nameof(RestartedSites))]
    public async Task Connectors_a_restarted_edge_has_not_heard_of_yet_count_as_cars(int seed, double deadTimeS, bool refusing)
    {
        // After the restart most chargers send their first StatusNotification 10–60 s late: their cars draw on at what they were told
        // while the loop knows nothing of those connectors.
        var recipe = RandomRecipes.Site(seed, deadTimeS) with
        {
            Connectors = 6,
            OcppShare = 1,
            LateStatusShare = 0.6,
            LateStatusAtStart = false,
            FirstStepAt = TimeSpan.FromHours(1),
        };
        recipe = refusing ? recipe with { RejectingShare = 0.5, RejectedRequests = 0.8 } : recipe;
        var (before, f) = await RealSiteRun.AcrossRestartAsync(recipe, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

        Assert.True(before.MaxOverloadA <= 1, $"before the restart: {before}");
        Assert.True(f.MaxOverloadA <= 1, $"after the restart: car-caused overload {f.MaxOverloadA:0.0} A ({f.WorstOverload})");
    }
}
