using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// A site where a fifth of the OCPP chargers refuse every 0 A and take their other limits (a firmware that takes no limit under the
/// car's minimum; docs/control-loop-sessions.md, Session 22, "A charger that refuses 0 A"): the loop holds such a charger at its minimum
/// where it would pause it and no car draws, counts it at what it holds, and ends a session it must pause at once at a step.
/// </summary>
public sealed class PauseRefusingChargerTests
{
    [RealSiteFact]
    public async Task A_site_with_chargers_that_refuse_0_A_is_not_idled_and_stays_under_its_limits()
    {
        // The bench's seed-9 site (`site --sizes 20 --dead-times 1 --seed 9 --pause-refusing-share 0.2`), with its step at 135 s and the grid meter silent from 297 s.
        var duration = TimeSpan.FromMinutes(9);
        var recipe = new SiteRecipe
        {
            Seed = 9,
            Connectors = 20,
            DeadTime = TimeSpan.FromSeconds(1),
            FirstStepAt = duration * 0.25,
            StepLength = duration * 0.2,
            StepInterval = duration,
            GridMeterFault = MeterFault.Silent,
            FaultAt = duration * 0.55,
            FaultLength = duration * 0.25,
            PauseRefusingShare = 0.2,
        };

        var f = await RealSiteRun.FiguresAsync(recipe, duration);

        // lead22 (a refused 0 A stale, counted at the failsafe, resent each cycle): 1 %; the branch: 52 %.
        Assert.True(f.CapacityUse >= 0.4, $"capacity use {f.CapacityUse:P0}: {f}");
        Assert.True(f.MaxOverloadA <= 0.05, $"overload {f.MaxOverloadA:0.0} A: {f}");
    }
}
