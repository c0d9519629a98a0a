using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 3: in steady state limits change rarely, and no car is paused and restarted faster than the hold times (60 s paused,
/// 60 s running) allow — a pause begun in steady state lasts the pause time (one decided at a step, on a base still unsure, may
/// end once the base is known: docs/control-loop-sessions.md, Session 20).
/// </summary>
public sealed class StabilityTests
{
    // "At most a few times a minute": more than three changes of over 1 A per connector-minute is an oscillation.
    private const double MaxChangesPerMinute = 3;

    // Per connector, "a few times a minute": seeds 31 / 32 / 33 reach 7 / 6 / 1 (12 on seed 32 before a Modbus wallbox's missed
    // read kept its limit and counted once; docs/control-loop-sessions.md, Session 45, "A missed read counted once").
    private const int MostChangesOnOneInAMinute = 8;

    // The balancer's MinPauseTime and MinRunTime: one cycle per two minutes at the most.
    private const double MinPauseS = 60;
    private const double MaxCyclesPerHour = 3600 / (60 + 60);

    public static TheoryData<int, double> Sites => new() { { 31, 1 }, { 32, 2 }, { 33, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Limits_settle_and_cars_are_not_paused_and_restarted_faster_than_the_hold_times(int seed, double deadTimeS)
    {
        var f = await RealSiteRun.FiguresAsync(RandomRecipes.Site(seed, deadTimeS));

        Assert.True(f.LimitChangesPerConnectorMinute <= MaxChangesPerMinute, $"{f.LimitChangesPerConnectorMinute:0.00} limit changes over 1 A per connector per minute: {f}");
        Assert.True(f.MostChangesInAMinute <= MostChangesOnOneInAMinute, $"{f.MostChangesInAMinute} limit changes over 1 A on one connector within a minute: {f}");
        Assert.True(f.PauseResumePerConnectorHour <= MaxCyclesPerHour, $"{f.PauseResumePerConnectorHour:0.0} pause/resume cycles per connector per hour: {f}");
        Assert.True(f.ShortestPauseS is null || f.ShortestPauseS >= MinPauseS, $"a car was paused for only {f.ShortestPauseS:0.0} s: {f}");
    }
}
