using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The probe tests' site with refusals (docs/control-loop-sessions.md, Sessions 36 and 37): OCPP chargers that tell nothing of their cars'
/// phases, behind the driver's back-off, a third of them refusing every second limit as the real-timing e2e's CP4 does — where all
/// do, the others' refusals move the grid through every probe.
/// </summary>
internal static class RefusingPhaselessSite
{
    // Sites where a probe's cut meets a refusal and the site then stands still enough for a verdict (of seeds 61–72 × 1 / 2 / 5 s,
    // 62 at 1 s and 63, 64 and 70 at each). Each of these three fails where a refused probe cut makes its connector stale; 63 passes
    // either way since a probe's limits pass the driver's back-off, and is left out.
    public static TheoryData<int, double> Sites => new() { { 70, 1 }, { 64, 2 }, { 64, 5 } };

    public static async Task<ClosedLoopSite> StartAsync(int seed, double deadTimeS)
    {
        var site = await ClosedLoopSite.StartAsync(RandomRecipes.Phaseless(seed, deadTimeS) with { DriverBackOff = true });
        foreach (var charger in site.Site.OcppChargers.Where((_, k) => k % 3 == 0))
        {
            charger.ScriptedAnswers = [ScriptedAnswer.Accepted, ScriptedAnswer.Rejected];
        }

        return site;
    }
}
