using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The page in a real headless Chromium against the real daemon: log in, watch the dashboard, change
/// the grid limit and see the dashboard follow, see a validation error beside its field, on a laptop
/// and a phone. Screenshots go to the test output folder (artifacts/web).
/// </summary>
public sealed class WebPageBrowserTests : IClassFixture<WebDaemonFixture>
{
    private const string GridLimitInput = "document.querySelector('#config-fields [data-path=\"$.grid.maxCurrentA\"]')";

    private readonly WebDaemon _daemon;
    private readonly ITestOutputHelper _output;

    public WebPageBrowserTests(WebDaemonFixture fixture, ITestOutputHelper output)
    {
        _daemon = fixture.Daemon;
        _output = output;
    }

    [Fact]
    public async Task An_installer_logs_in_changes_the_grid_limit_sees_the_dashboard_follow_and_sees_errors_beside_the_field()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(_daemon.BaseAddress, "/#login"));
        await browser.WaitForAsync("!document.getElementById('login').hidden", "the login form");
        await browser.EvaluateAsync($$"""
            (() => {
              const form = document.getElementById('login-form');
              form.username.value = 'admin';
              form.password.value = '{{WebDaemon.AdminPassword}}';
              form.requestSubmit();
            })()
            """);

        await browser.WaitForAsync(
            "document.querySelectorAll('#phases [data-phase]').length === 3 && document.querySelectorAll('#chargers tbody tr[data-charger]').length >= 6",
            "the live dashboard with three phases and the chargers");
        var labels = await browser.EvaluateAsync("[...document.querySelectorAll('#phases [data-phase] strong')].map(e => e.textContent).join(',')");
        Assert.Equal("L1,L2,L3", labels.GetString());
        var chargerIds = await browser.EvaluateAsync("[...new Set([...document.querySelectorAll('#chargers tbody tr')].map(r => r.dataset.charger))].join(',')");
        Assert.Contains("CP001", chargerIds.GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("dashboard.png", _output);

        // Change the grid limit in the form; the dashboard shows the new limit from the next cycle on.
        await browser.EvaluateAsync("location.hash = '#config'");
        await browser.WaitForAsync($"{GridLimitInput} && {GridLimitInput}.value !== ''", "the configuration form");
        var limit = double.Parse((await browser.EvaluateAsync($"{GridLimitInput}.value")).GetString()!, System.Globalization.CultureInfo.InvariantCulture) - 10;
        await browser.EvaluateAsync($"{GridLimitInput}.value = '{limit}'; document.getElementById('config-form').requestSubmit()");
        await browser.WaitForAsync("document.getElementById('config-ok').textContent.includes('Saved as revision')", "the save to be confirmed");
        await browser.EvaluateAsync("location.hash = '#dashboard'");
        await browser.WaitForAsync($"document.querySelector('#phases [data-phase=\"L1\"] .value').textContent.endsWith('/ {limit} A')", $"the dashboard to show the {limit} A limit");

        // An invalid value: refused, and the server's message stands beside the field.
        await browser.EvaluateAsync("location.hash = '#config'");
        await browser.WaitForAsync($"{GridLimitInput} && {GridLimitInput}.value === '{limit}'", "the configuration form with the new limit");
        await browser.EvaluateAsync($"{GridLimitInput}.value = '-1'; document.getElementById('config-form').requestSubmit()");
        await browser.WaitForAsync($"{GridLimitInput}.closest('label').nextElementSibling?.classList.contains('field-error')", "the error beside the grid limit");
        var message = await browser.EvaluateAsync($"{GridLimitInput}.closest('label').nextElementSibling.textContent");
        Assert.Contains("above 0", message.GetString(), StringComparison.Ordinal);
        Assert.Contains("Not saved", (await browser.EvaluateAsync("document.getElementById('config-summary').textContent")).GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("config-error.png", _output);

        using var client = await _daemon.LoggedInClientAsync();
        Assert.Equal(limit, (await ConfigJson.GetAsync(client))["grid"]!["maxCurrentA"]!.GetValue<double>());
    }

    [Fact]
    public async Task On_a_phone_the_dashboard_fits_the_screen_width()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.SetViewportAsync(390, 844, mobile: true);
        await LogInAsync(browser);

        var overflow = await browser.EvaluateAsync("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow.GetDouble() <= 0, $"the page is {overflow} px wider than the phone");
        await browser.SaveScreenshotAsync("phone-dashboard.png", _output);
    }

    [Fact]
    public async Task With_a_power_tariff_the_dashboard_shows_this_months_peak_the_target_and_the_saving()
    {
        using var admin = await _daemon.LoggedInClientAsync();
        var document = await ConfigJson.GetAsync(admin);
        document["grid"]!["powerTariff"] = new JsonObject { ["windowMinutes"] = 15, ["timeZone"] = "Europe/Stockholm", ["currency"] = "SEK", ["pricePerKw"] = 145 };
        using (var response = await admin.PutAsync("api/v1/config", ConfigJson.Body(document)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await using var browser = await HeadlessChromium.StartAsync();
        await LogInAsync(browser);
        await browser.WaitForAsync("!document.getElementById('peak').hidden && document.getElementById('peak-billed').textContent.includes('kW')", "the month's peak on the dashboard");
        Assert.Contains("15-minute windows", (await browser.EvaluateAsync("document.getElementById('peak-billed').textContent")).GetString(), StringComparison.Ordinal);
        Assert.Contains("kW average", (await browser.EvaluateAsync("document.getElementById('peak-target').textContent")).GetString(), StringComparison.Ordinal);
        Assert.Contains("SEK (145.00 per kW)", (await browser.EvaluateAsync("document.getElementById('peak-saving').textContent")).GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("peak.png", _output);

        // The REST status carries the same figures.
        var status = JsonNode.Parse(await admin.GetStringAsync("api/v1/status"))!;
        Assert.True(status["peak"]!["billedPeakKw"]!.GetValue<double>() > 0);
        Assert.Equal(15, status["peak"]!["windowMinutes"]!.GetValue<int>());
    }

    private async Task LogInAsync(HeadlessChromium browser)
    {
        await browser.NavigateAsync(new Uri(_daemon.BaseAddress, "/#login"));
        await browser.WaitForAsync("!document.getElementById('login').hidden", "the login form");
        await browser.EvaluateAsync($"(() => {{ const f = document.getElementById('login-form'); f.password.value = '{WebDaemon.AdminPassword}'; f.requestSubmit(); }})()");
        await browser.WaitForAsync("document.querySelectorAll('#chargers tbody tr[data-charger]').length >= 6", "the chargers on the dashboard");
    }
}
