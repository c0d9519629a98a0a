using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The prices in the configuration form (docs/web.md, docs/pricing.md): an installer adds prices, a
/// tariff with a period, sees the server's refusal of a period over midnight beside its field, fixes
/// it and saves; the saved site.json has the tariff as entered and the driver's page prices by it.
/// Built daemon, headless Chromium.
/// </summary>
public sealed class TariffFormTests(ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private const string SiteJson = """
        {
          "siteId": "tariff-site",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "FORM-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    private const string Tariff = "document.querySelector('#pricing [data-path=\"$.pricing.tariffs[0]\"]')";

    [Fact]
    public async Task An_installer_adds_a_tariff_with_a_period_sees_a_wrong_period_refused_beside_its_field_and_saves_it()
    {
        await using var daemon = await SiteDaemon.StartAsync(SiteJson);
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "config");
        await browser.WaitForAsync("document.getElementById('pricing-add') !== null", "the form without prices");

        await browser.EvaluateAsync("document.getElementById('pricing-add').click()");
        await browser.WaitForAsync($"{Tariff} !== null", "a first tariff");
        await SetAsync(browser, "$.pricing.currency", "SEK");
        await SetAsync(browser, "$.pricing.vatPercent", "25");
        await SetAsync(browser, "$.pricing.tariffs[0].name", "Residents");
        await SetAsync(browser, "$.pricing.tariffs[0].energyPerKwh", "3.00");
        await SetAsync(browser, "$.pricing.tariffs[0].sessionFee", "2.50");
        await browser.EvaluateAsync($"[...{Tariff}.querySelectorAll('button')].find(b => b.textContent === 'Add period').click()");
        await browser.WaitForAsync("document.querySelector('[data-path=\"$.pricing.tariffs[0].periods[0].from\"]') !== null", "a period");
        await SetAsync(browser, "$.pricing.tariffs[0].periods[0].from", "22:00");
        await SetAsync(browser, "$.pricing.tariffs[0].periods[0].to", "06:00");
        await SetAsync(browser, "$.pricing.tariffs[0].periods[0].energyPerKwh", "1.50");
        await browser.EvaluateAsync("document.getElementById('config-form').requestSubmit()");

        // Over midnight is two periods: refused, beside the period's "to".
        const string to = "document.querySelector('[data-path=\"$.pricing.tariffs[0].periods[0].to\"]')";
        await browser.WaitForAsync($"{to}.closest('label').nextElementSibling?.classList.contains('field-error')", "the error beside the period's end");
        Assert.Contains("a period over midnight is two periods", (await browser.EvaluateAsync($"{to}.closest('label').nextElementSibling.textContent")).GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("tariff-error.png", output);

        await SetAsync(browser, "$.pricing.tariffs[0].periods[0].from", "00:00");
        await browser.EvaluateAsync("document.getElementById('config-form').requestSubmit()");
        await browser.WaitForAsync("document.getElementById('config-ok').textContent.includes('Saved as revision')", "the save to be confirmed");

        using var admin = await daemon.LoggedInClientAsync();
        var pricing = (await ConfigJson.GetAsync(admin))["pricing"]!;
        Assert.Equal(("SEK", 25m, "standard"), (pricing["currency"]!.GetValue<string>(), pricing["vatPercent"]!.GetValue<decimal>(), pricing["defaultTariff"]!.GetValue<string>()));
        var tariff = pricing["tariffs"]![0]!;
        Assert.Equal(("Residents", 3.00m, 2.50m), (tariff["name"]!.GetValue<string>(), tariff["energyPerKwh"]!.GetValue<decimal>(), tariff["sessionFee"]!.GetValue<decimal>()));
        var period = tariff["periods"]![0]!;
        Assert.Equal(("00:00", "06:00", 1.50m, "mon,tue,wed,thu,fri"), (period["from"]!.GetValue<string>(), period["to"]!.GetValue<string>(),
            period["energyPerKwh"]!.GetValue<decimal>(), string.Join(',', period["days"]!.AsArray().Select(d => d!.GetValue<string>()))));
        Assert.Null(tariff["spot"]);

        // The driver's page prices by it from now on.
        using var anonymous = new HttpClient { BaseAddress = daemon.Web };
        var view = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/public/chargers/FORM-1");
        var local = TimeZoneInfo.ConvertTime(view.GetProperty("ts").GetDateTimeOffset(), Stockholm);
        var night = local.Hour < 6 && local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.Equal((night ? 1.50m : 3.00m, "Residents", 2.50m), (view.GetProperty("price").GetProperty("energyPerKwh").GetDecimal(),
            view.GetProperty("price").GetProperty("tariffName").GetString(), view.GetProperty("price").GetProperty("sessionFee").GetDecimal()));
    }

    private static Task<JsonElement> SetAsync(HeadlessChromium browser, string path, string value) =>
        browser.EvaluateAsync($"document.querySelector('#config-fields [data-path=\"{path}\"]').value = '{value}'");
}
