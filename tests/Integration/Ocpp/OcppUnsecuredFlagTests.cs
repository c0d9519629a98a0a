using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.Integration.Tests.Web;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>docs/security.md: a charger without <c>ocppPassword</c> is flagged as unsecured on the page, in status and telemetry.</summary>
public sealed class OcppUnsecuredFlagTests(ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_OCPP_charger_without_password_is_flagged_unsecured_on_the_page_in_status_and_telemetry_and_one_with_a_password_is_not()
    {
        await using var daemon = await SiteDaemon.StartAsync(
            """
            {
              "siteId": "unsecured-test",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [
                { "id": "OPEN-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                { "id": "SAFE-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16, "ocppPassword": "a-password-of-16-bytes+" }
              ]
            }
            """);
        using var admin = await daemon.LoggedInClientAsync();
        JsonElement status = default;
        await Poll.UntilAsync(async () =>
        {
            using var response = await admin.GetAsync("api/v1/status");
            status = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return response.StatusCode == HttpStatusCode.OK;
        }, "the first cycle's status");

        var flags = status.GetProperty("chargers").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("unsecured").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["OPEN-1"] = true, ["SAFE-1"] = false }, flags);

        var site = status.Deserialize<SiteStatus>(WebJson)!;
        var telemetry = JsonDocument.Parse(CloudPayloads.Telemetry(site)).RootElement;
        Assert.True(telemetry.GetProperty("chargers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "OPEN-1").GetProperty("unsecured").GetBoolean());

        // The dashboard in headless Chromium says so on the charger's row, and only on its row.
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "sessions");
        await browser.EvaluateAsync("location.hash = '#dashboard'");
        const string Row = "document.querySelector('#chargers tbody tr[data-charger=\"{0}\"] td')";
        await browser.WaitForAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "SAFE-1"), "both chargers on the dashboard");
        // The cell's text without its buttons (the charger's detail, docs/web.md).
        async Task<string?> IdCellTextAsync(string charger) => (await browser.EvaluateAsync(
            "(() => { const td = " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, charger) + ".cloneNode(true); td.querySelectorAll('button').forEach(b => b.remove()); return td.textContent.trim(); })()")).GetString();
        Assert.Equal("OPEN-1 (unsecured: no OCPP password)", await IdCellTextAsync("OPEN-1"));
        Assert.Equal("SAFE-1", await IdCellTextAsync("SAFE-1"));
        await browser.SaveScreenshotAsync("unsecured-charger.png", output);
    }
}
