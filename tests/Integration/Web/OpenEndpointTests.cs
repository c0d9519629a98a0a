using System.Net;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>What the unauthenticated endpoints give away (issue 14, item 8).</summary>
public sealed class OpenEndpointTests
{
    private const string ScrapeToken = "a-scrape-token-of-24-chars-or-more";

    [Fact]
    public async Task Metrics_need_a_login_or_the_scrape_token_while_the_status_is_not_public()
    {
        await using var daemon = await WebDaemon.StartAsync(extraEnvironment: new Dictionary<string, string> { ["CHARGENET_METRICS_TOKEN"] = ScrapeToken });
        using (var admin = await daemon.LoggedInClientAsync())
        {
            await ConfigJson.SetPublicStatusAsync(admin, false);
        }

        using var anonymous = daemon.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("metrics")).StatusCode);

        using var scraper = daemon.NewClient();
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", ScrapeToken);
        using var scraped = await scraper.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("chargenet_grid_limit_amperes", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The scrape token opens /metrics and nothing else; with the status public, /metrics is as open as it.
        using (var admin = await daemon.LoggedInClientAsync())
        {
            await ConfigJson.SetPublicStatusAsync(admin, true);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scraper.GetAsync("api/v1/config")).StatusCode);
    }
}
