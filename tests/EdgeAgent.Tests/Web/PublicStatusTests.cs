using System.Text.Json;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.EdgeAgent.Web;
using ChargeNet.EdgeAgent.Web.Api;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Tests.Web;

/// <summary>The status read without a login (<c>web.publicStatus</c>) names no user: not who set a manual limit.</summary>
public sealed class PublicStatusTests
{
    [Fact]
    public async Task The_status_names_who_set_a_manual_limit_only_to_a_reader_logged_in()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, new SimulatedSiteOptions { Seed = 9 }, new LoadBalancer.FairShareStrategy());
        harness.ManualLimits.Set(new ManualLimit(site.Chargers[0].Id, null, 8, harness.Time.GetUtcNow(), "alice", null));
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        var shown = new ShownStatus(new RunningCosts(new SessionRecorder(harness.Store, harness.Time)));

        var anonymous = ManualLimitJson(StatusApi.Get(harness.Loop, shown, new DefaultHttpContext()));
        Assert.False(anonymous.TryGetProperty("setBy", out _), anonymous.GetRawText());
        Assert.Equal(8, anonymous.GetProperty("maxCurrentA").GetDouble());

        var loggedIn = new DefaultHttpContext();
        loggedIn.Items[typeof(LoginSession)] = new LoginSession("t", "c", "admin", harness.Time.GetUtcNow().AddHours(1), harness.Time.GetUtcNow());
        Assert.Equal("alice", ManualLimitJson(StatusApi.Get(harness.Loop, shown, loggedIn)).GetProperty("setBy").GetString());
    }

    private static JsonElement ManualLimitJson(Results<Ok<SiteStatus>, ProblemHttpResult> answer)
    {
        var status = Assert.IsType<Ok<SiteStatus>>(answer.Result).Value!;
        return JsonSerializer.SerializeToElement(status, JsonSerializerOptions.Web).GetProperty("manualLimits").EnumerateArray().Single();
    }
}
