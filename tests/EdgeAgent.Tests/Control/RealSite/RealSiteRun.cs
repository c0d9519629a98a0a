using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>Runs a recipe on the closed-loop simulator and returns its figures, for the property tests.</summary>
internal static class RealSiteRun
{
    /// <summary>Six simulated minutes: two rises of the base load, a churn, a meter fault window, and steady stretches between.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(6);

    public static async Task<SiteFigures> FiguresAsync(SiteRecipe recipe, TimeSpan? duration = null)
    {
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        await site.RunAsync(duration ?? Duration);
        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");
        return site.Figures();
    }

    /// <summary>Runs a recipe for <paramref name="before"/>, restarts the edge, runs it <paramref name="after"/> more: the figures at the restart and at the end.</summary>
    public static async Task<(SiteFigures AtRestart, SiteFigures AtEnd)> AcrossRestartAsync(SiteRecipe recipe, TimeSpan before, TimeSpan after)
    {
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        await site.RunAsync(before);
        var atRestart = site.Figures();

        await site.RestartLoopAsync();
        await site.RunAsync(after);
        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");
        return (atRestart, site.Figures());
    }
}
