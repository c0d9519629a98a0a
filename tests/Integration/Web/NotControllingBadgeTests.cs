using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>The dashboard's grid badge in a real headless Chromium while the daemon's control cycles fail, and after.</summary>
public sealed class NotControllingBadgeTests
{
    private const string Badge = "document.getElementById('grid-state')";

    private readonly ITestOutputHelper _output;

    public NotControllingBadgeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_grid_badge_says_not_controlling_while_cycles_fail_and_goes_once_they_complete_again()
    {
        await using var daemon = await BreakableDaemon.StartAsync();
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "dashboard");
        await browser.WaitForAsync($"{Badge}.textContent !== '' && document.querySelectorAll('#phases [data-phase]').length === 3", "the dashboard's grid badge");
        Assert.DoesNotContain("not controlling", (await browser.EvaluateAsync($"{Badge}.textContent")).GetString(), StringComparison.Ordinal);

        // Every cycle fails: the chargers get their failsafe, and the page must not go on showing a plan as if it were one.
        daemon.Strategy.Broken = true;
        await browser.WaitForAsync($"{Badge}.textContent.startsWith('not controlling: ')", "the not-controlling badge");
        Assert.Contains("failed cycles, chargers at failsafe", (await browser.EvaluateAsync($"{Badge}.textContent")).GetString(), StringComparison.Ordinal);
        Assert.True((await browser.EvaluateAsync($"{Badge}.classList.contains('fallback')")).GetBoolean(), "the badge is not marked as a fault");
        await browser.SaveScreenshotAsync("not-controlling.png", _output);

        daemon.Strategy.Broken = false;
        await browser.WaitForAsync($"!{Badge}.textContent.includes('not controlling')", "the badge to go once cycles complete again");
    }
}
