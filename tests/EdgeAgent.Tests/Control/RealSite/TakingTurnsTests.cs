using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Fairness over time (docs/control-loop.md, "Taking turns"): where the fuse has room for fewer minimums than
/// there are cars, a car that has had its turn gives way, so no car that wants energy waits for ever — and the
/// turns are long, so the swaps cost little.
/// </summary>
public sealed class TakingTurnsTests
{
    // The balancer's TurnTime (10 min) and what a swap takes on top: the pause confirmed, the car answering,
    // the start waiting for both.
    private static readonly TimeSpan LongestFairWait = TimeSpan.FromMinutes(10) + TimeSpan.FromMinutes(5);

    [RealSiteTheory]
    [InlineData(41, 2)]
    [InlineData(42, 5)]
    public async Task On_a_crowded_site_every_car_gets_its_turn(int seed, double deadTimeS)
    {
        var run = TimeSpan.FromMinutes(35);
        await AssertEveryCarGetsItsTurn(Crowded(seed, deadTimeS, run) with { FullCarsResume = false }, run);
    }

    /// <summary>
    /// A car paused as full (`PausedFull`) that wants energy again cannot be seen at 0 A: it is offered its minimum again when room
    /// is free or after `FullCarProbeInterval` (15 min), and on a crowded site room is never free — that probe, paused first, never
    /// got a turn: seed 42 at 5 s, a resumed car waited 26 min. It takes its turn as a waiting car now (docs/control-loop-sessions.md,
    /// Session 44, "Cars that start again on their own").
    /// </summary>
    [RealSiteTheory]
    [InlineData(41, 2)]
    [InlineData(42, 5)]
    public async Task A_full_car_that_wants_energy_again_on_a_crowded_site_gets_its_turn(int seed, double deadTimeS)
    {
        var run = TimeSpan.FromMinutes(35);
        await AssertEveryCarGetsItsTurn(Crowded(seed, deadTimeS, run), run);
    }

    // Every connector has a car that stays (the fewest churns, no fault, no step): more cars than the fuse has minimums for.
    private static SiteRecipe Crowded(int seed, double deadTimeS, TimeSpan run) => RandomRecipes.Site(seed, deadTimeS, maxConnectors: 30) with
    {
        Occupancy = 1,
        ChurnShare = 0,
        TaperingShare = 0,
        FirstStepAt = run * 2,
    };

    private static async Task AssertEveryCarGetsItsTurn(SiteRecipe recipe, TimeSpan run)
    {
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        var crowded = false;
        site.Observer = s => crowded |= s.Site.Physics.Connectors.Count(c => c.Car is { Full: false } && c.OfferedA < SimCar.MinimumA) >= 2;
        await site.RunAsync(run);
        var f = site.Figures();

        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed");
        Assert.True(crowded, "the site was never crowded: the test proves nothing");
        Assert.True(f.LongestWaitS <= LongestFairWait.TotalSeconds, $"a car waited {f.LongestWaitS / 60:0.0} min: {f}");
        Assert.True(f.MaxOverloadAfterWarmUpA <= 1, $"turns overloaded the site: {f}");
    }
}
