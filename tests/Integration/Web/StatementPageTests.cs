using System.Globalization;
using ChargeNet.Integration.Tests.Ocpp;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Statements on the page (docs/web.md, docs/pricing.md "Statements"): the installer picks a month and
/// sees, per idTag, the sessions that stopped in it with kWh, total and VAT, and the CSV link for that
/// month; over the built daemon on a priced site, sessions from a strict ocpp-rpc charge point, in
/// headless Chromium.
/// </summary>
public sealed class StatementPageTests(ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    // 4.50 SEK/kWh and a 5.00 fee, 25 % VAT.
    private const string SiteJson = """
        {
          "siteId": "statement-site",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "BILL-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50, "sessionFee": 5.00 } ] }
        }
        """;

    [Fact]
    public async Task The_installer_picks_a_month_and_sees_each_idTags_sessions_kWh_total_and_VAT_with_the_CSV_of_that_month()
    {
        await using var daemon = await SiteDaemon.StartAsync(SiteJson);
        await using var charger = await daemon.BootedChargerAsync("BILL-1");

        // A past 15th at noon, far from any month's edge whatever the clock says now: TAG-A 2 kWh (14.00)
        // and 1 kWh (9.50), TAG-B 4 kWh (23.00); 30 days earlier, the month before: TAG-OLD 1 kWh (9.50).
        var recent = PastMidMonth(DateTimeOffset.UtcNow);
        await SessionAsync(charger, "TAG-A", recent, 2000);
        await SessionAsync(charger, "TAG-A", recent.AddMinutes(1), 1000);
        await SessionAsync(charger, "TAG-B", recent.AddMinutes(2), 4000);
        var old = recent.AddDays(-30);
        await SessionAsync(charger, "TAG-OLD", old, 1000);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "statements");
        await browser.WaitForAsync("document.getElementById('statements-month').value !== ''", "the statement page");

        var month = MonthOf(recent);
        await PickAsync(browser, month);
        Assert.Equal("TAG-A|2|3.000|23.50 SEK|4.70 SEK|public", await RowAsync(browser, "tbody tr[data-idtag=\"TAG-A\"]"));
        Assert.Equal("TAG-B|1|4.000|23.00 SEK|4.60 SEK|public", await RowAsync(browser, "tbody tr[data-idtag=\"TAG-B\"]"));
        Assert.Equal("Total|3|7.000|46.50 SEK|9.30 SEK|", await RowAsync(browser, "tfoot tr"));
        Assert.Equal(2, (await browser.EvaluateAsync("document.querySelectorAll('#statements-table tbody tr').length")).GetInt32());
        var csv = (await browser.EvaluateAsync("document.getElementById('statements-csv').getAttribute('href')")).GetString()!;
        Assert.Equal($"/api/v1/statements?{Range(month)}&format=csv", csv);
        Assert.Contains("TAG-A,2,3.000,23.50,4.70,public", (await browser.EvaluateAsync($"fetch('{csv}').then(r => r.text())")).GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("statements.png", output);

        await PickAsync(browser, MonthOf(old));
        Assert.Equal("TAG-OLD|1|1.000|9.50 SEK|1.90 SEK|public", await RowAsync(browser, "tbody tr[data-idtag=\"TAG-OLD\"]"));
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('#statements-table tbody tr').length")).GetInt32());
    }

    private static async Task SessionAsync(OcppPeer charger, string idTag, DateTimeOffset stoppedAt, int energyWh)
    {
        var start = await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, idTag, 0, OcppPayloads.Iso(stoppedAt.AddMinutes(-30))));
        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(start.GetProperty("transactionId").GetInt32(), energyWh, OcppPayloads.Iso(stoppedAt)));
    }

    // The latest 15th at noon (Stockholm) at least half a day past: sessions well inside one month, and young enough for every retention.
    private static DateTimeOffset PastMidMonth(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Stockholm);
        var noon = new DateTime(local.Year, local.Month, 15, 12, 0, 0, DateTimeKind.Unspecified).AddMonths(local.Day > 15 ? 0 : -1);
        return new DateTimeOffset(noon, Stockholm.GetUtcOffset(noon));
    }

    private static string MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Range(string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"from={first:yyyy-MM-dd}&to={first.AddMonths(1):yyyy-MM-dd}";
    }

    // Picks a month as a person does (the input's change event) and waits for that month's table.
    private static async Task PickAsync(HeadlessChromium browser, string month)
    {
        await browser.EvaluateAsync($"(() => {{ const m = document.getElementById('statements-month'); m.value = '{month}'; m.dispatchEvent(new Event('change')); }})()");
        await browser.WaitForAsync($"[...document.querySelectorAll('#statements-table tbody tr, #statements-table tfoot tr')].every(r => r.dataset.month === '{month}') && document.querySelector('#statements-table tfoot tr') !== null", $"the statement of {month}");
    }

    private static async Task<string?> RowAsync(HeadlessChromium browser, string selector) =>
        (await browser.EvaluateAsync($"[...document.querySelector('#statements-table {selector.Replace("'", "\\'", StringComparison.Ordinal)}').cells].map(c => c.textContent).join('|')")).GetString();
}
