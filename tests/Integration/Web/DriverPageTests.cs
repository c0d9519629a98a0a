using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Ocpp;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The driver's page (docs/web.md) over the built daemon on a priced site, with a strict ocpp-rpc charge
/// point charging on one connector: <c>GET /api/v1/public/chargers/{id}</c> without login (availability,
/// the price now and to midnight, the running cost, nobody's identity), <c>/c/{id}</c> in headless
/// Chromium at a phone's size, and the installer's QR stickers.
/// </summary>
public sealed class DriverPageTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private readonly ITestOutputHelper _output;

    public DriverPageTests(ITestOutputHelper output) => _output = output;

    // 4.50 SEK/kWh, 2.00 at night, a 5.00 fee.
    private const string SiteJson = """
        {
          "siteId": "driver-site",
          "timeZone": "Europe/Stockholm",
          "location": { "name": "Garage 42", "address": "Storgatan 1", "city": "Uppsala", "postalCode": "753 20", "country": "SWE", "latitude": 59.8586, "longitude": 17.6389 },
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "DRIVER-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "DRIVER-2", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public charging", "energyPerKwh": 4.50, "sessionFee": 5.00,
                                      "periods": [ { "from": "00:00", "to": "06:00", "energyPerKwh": 2.00 }, { "from": "22:00", "to": "24:00", "energyPerKwh": 2.00 } ] } ] }
        }
        """;

    [Fact]
    public async Task A_phone_sees_availability_the_price_now_and_later_today_and_the_running_cost_without_who_charges_and_the_installer_prints_QR_stickers()
    {
        await using var daemon = await SiteDaemon.StartAsync(SiteJson);
        await using var charger = await daemon.BootedChargerAsync("DRIVER-1");
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"));

        // A session from yesterday noon local time: 2 kWh at 4.50 + the 5.00 fee = 14.00 SEK, whatever the clock says now.
        var noon = LocalNoonYesterday();
        var start = await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "SECRET-TAG", 1000, OcppPayloads.Iso(noon)));
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(start.GetProperty("transactionId").GetInt32(), noon.AddMinutes(30), 3000));

        using var anonymous = new HttpClient { BaseAddress = daemon.Web };
        JsonElement view = default;
        await Poll.UntilAsync(async () =>
        {
            view = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/public/chargers/DRIVER-1");
            return view.GetProperty("connectors")[0].GetProperty("status").GetString() == "charging"
                && view.GetProperty("connectors")[0].GetProperty("session").ValueKind == JsonValueKind.Object;
        }, "DRIVER-1 charging, with its session");
        var raw = await anonymous.GetStringAsync("api/v1/public/chargers/DRIVER-1");
        Assert.DoesNotContain("SECRET-TAG", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("transactionId", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("idTag", raw, StringComparison.OrdinalIgnoreCase);

        var session = view.GetProperty("connectors")[0].GetProperty("session");
        Assert.Equal((14.00m, "SEK", 2000m), (session.GetProperty("total").GetDecimal(), session.GetProperty("currency").GetString(), session.GetProperty("energyWh").GetDecimal()));
        Assert.Equal(("Garage 42", "Europe/Stockholm"), (view.GetProperty("siteName").GetString(), view.GetProperty("timeZone").GetString()));
        var price = view.GetProperty("price");
        var ts = view.GetProperty("ts").GetDateTimeOffset();
        Assert.Equal(PriceAt(ts), price.GetProperty("energyPerKwh").GetDecimal());
        Assert.Equal(("Public charging", 5.00m), (price.GetProperty("tariffName").GetString(), price.GetProperty("sessionFee").GetDecimal()));

        // Later today: from now to the next local midnight, without gaps, each span at the price its start has.
        var today = price.GetProperty("today").EnumerateArray().ToList();
        Assert.Equal(ts, today[0].GetProperty("from").GetDateTimeOffset());
        Assert.Equal(NextLocalMidnight(ts), today[^1].GetProperty("to").GetDateTimeOffset());
        Assert.All(today.Zip(today.Skip(1)), pair => Assert.Equal(pair.First.GetProperty("to").GetDateTimeOffset(), pair.Second.GetProperty("from").GetDateTimeOffset()));
        Assert.All(today, span => Assert.Equal(PriceAt(span.GetProperty("from").GetDateTimeOffset()), span.GetProperty("energyPerKwh").GetDecimal()));
        Assert.Equal(LinesFrom(ts), today.Count);

        var other = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/public/chargers/DRIVER-2");
        Assert.Contains(other.GetProperty("connectors")[0].GetProperty("status").GetString(), new[] { "offline", "unknown" });
        Assert.Equal(JsonValueKind.Null, other.GetProperty("connectors")[0].GetProperty("session").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/v1/public/chargers/NOPE")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("c/NOPE")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/chargers/DRIVER-1/qr.svg?base=http://edge")).StatusCode);

        // The page on a phone.
        await using (var browser = await HeadlessChromium.StartAsync())
        {
            await browser.SetViewportAsync(390, 844, mobile: true);
            await browser.NavigateAsync(new Uri(daemon.Web, "/c/DRIVER-1"));
            await browser.WaitForAsync("document.querySelector('#connectors li .session')?.textContent.includes('14.00 SEK so far')", "the running cost on the phone");
            Assert.Equal("Charging", (await browser.EvaluateAsync("document.querySelector('#connectors li .status').textContent")).GetString());

            // What the page shows, read at once with the instant it is for: whatever the clock says
            // (06:00, 22:00, midnight), the expectations are those of that instant.
            var shown = JsonDocument.Parse((await browser.EvaluateAsync("""
                JSON.stringify({ at: document.getElementById('updated').dateTime,
                                 session: document.querySelector('#connectors li .session').textContent,
                                 priceNow: document.getElementById('price-now').textContent,
                                 lines: document.querySelectorAll('#price-today tr').length,
                                 last: document.querySelector('#price-today tr:last-child').textContent })
                """)).GetString()!).RootElement;
            var shownAt = shown.GetProperty("at").GetDateTimeOffset();
            Assert.Equal($"Session since {TimeZoneInfo.ConvertTime(noon, Stockholm):yyyy-MM-dd} 12:00: 2.00 kWh, 14.00 SEK so far", shown.GetProperty("session").GetString()); // begun before today: with its date
            Assert.Equal($"{PriceAt(shownAt):0.00} SEK/kWh", shown.GetProperty("priceNow").GetString());
            Assert.Equal(LinesFrom(shownAt), shown.GetProperty("lines").GetInt32());
            Assert.Contains("24:00", shown.GetProperty("last").GetString(), StringComparison.Ordinal);
            Assert.Contains("5.00 SEK per session", (await browser.EvaluateAsync("document.getElementById('price-terms').textContent")).GetString(), StringComparison.Ordinal);
            Assert.Equal("Garage 42", (await browser.EvaluateAsync("document.getElementById('site-name').textContent")).GetString());
            Assert.DoesNotContain("SECRET-TAG", (await browser.EvaluateAsync("document.body.innerText")).GetString(), StringComparison.Ordinal);
            Assert.True((await browser.EvaluateAsync("document.documentElement.scrollWidth - window.innerWidth")).GetDouble() <= 0, "the page is wider than the phone");
            await browser.SaveScreenshotAsync("driver-page.png", _output);
        }

        // The installer's stickers: one per charger, each a QR code the edge made for {base}/c/{id}.
        await using (var browser = await HeadlessChromium.StartAsync())
        {
            await browser.LogInAndOpenAsync(daemon.Web, "stickers");
            await browser.WaitForAsync("[...document.querySelectorAll('.sticker img')].filter(i => i.complete && i.naturalWidth > 0).length === 2", "two stickers with their QR codes");
            await browser.EvaluateAsync("document.getElementById('stickers-base').value = 'http://10.0.0.5:8080/'; document.getElementById('stickers-form').requestSubmit()");
            await browser.WaitForAsync("document.querySelector('.sticker[data-charger=\"DRIVER-2\"] small')?.textContent === 'http://10.0.0.5:8080/c/DRIVER-2' && [...document.querySelectorAll('.sticker img')].every(i => i.complete && i.naturalWidth > 0)", "the stickers for the drivers' address");
            Assert.Contains("base=http%3A%2F%2F10.0.0.5%3A8080", (await browser.EvaluateAsync("document.querySelector('.sticker[data-charger=\"DRIVER-1\"] img').getAttribute('src')")).GetString(), StringComparison.Ordinal);
            await browser.SaveScreenshotAsync("qr-stickers.png", _output);
        }

        using var admin = await daemon.LoggedInClientAsync();
        var svg = await admin.GetAsync("api/v1/chargers/DRIVER-1/qr.svg?base=http://10.0.0.5:8080");
        Assert.Equal(("image/svg+xml", HttpStatusCode.OK), (svg.Content.Headers.ContentType?.MediaType, svg.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/v1/chargers/DRIVER-1/qr.svg?base=javascript:alert(1)")).StatusCode);

        // Turned off: neither the page nor its JSON.
        var document = await ConfigJson.GetAsync(admin);
        document["web"] = new System.Text.Json.Nodes.JsonObject { ["driverPage"] = false };
        using (var response = await admin.PutAsync("api/v1/config", ConfigJson.Body(document)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/v1/public/chargers/DRIVER-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("c/DRIVER-1")).StatusCode);
    }

    private static DateTimeOffset LocalNoonYesterday()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Stockholm).Date.AddDays(-1).AddHours(12);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }

    private static decimal PriceAt(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).Hour is < 6 or >= 22 ? 2.00m : 4.50m;

    // The lines of "later today" from an instant to midnight, one per price: 2.00 to 06:00, 4.50 to 22:00, 2.00 to 24:00.
    private static int LinesFrom(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).Hour switch { < 6 => 3, < 22 => 2, _ => 1 };

    private static DateTimeOffset NextLocalMidnight(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Stockholm).Date.AddDays(1);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }
}
