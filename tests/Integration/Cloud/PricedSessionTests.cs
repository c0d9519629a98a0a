using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Ocpp;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A priced session end to end (docs/pricing.md, docs/sessions.md): the built daemon on a site with
/// a tariff, a strict ocpp-rpc charge point and the cloud on a real mosquitto. While the session runs,
/// its cost so far is on its connector in <c>GET /api/v1/status</c> and in MQTT telemetry; once it has
/// stopped, its final cost is on the session in REST, in the CSV export and on the sessions topic.
/// </summary>
public sealed class PricedSessionTests
{
    private const string Site = "priced-site";

    // 4.50 SEK/kWh and a 5.00 fee, 25 % VAT: nothing in it depends on the clock.
    private static string SiteJson(int brokerPort) => $$"""
        {
          "siteId": "{{Site}}",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "PRICED-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50, "sessionFee": 5.00 } ] },
          "cloud": { "enabled": true, "host": "127.0.0.1", "port": {{brokerPort}}, "tls": false, "telemetryIntervalS": 1 }
        }
        """;

    [Fact]
    public async Task A_priced_OCPP_session_shows_its_running_cost_in_status_and_telemetry_and_its_final_cost_in_REST_CSV_and_MQTT()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#");
        await using var daemon = await SiteDaemon.StartAsync(SiteJson(broker.Port));
        using var api = await daemon.LoggedInClientAsync();
        await using var charger = await daemon.BootedChargerAsync("PRICED-1");

        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var start = await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-PRICED", 1000, OcppPayloads.Iso(startedAt)));
        var transactionId = start.GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(5), 3000));

        // 2 kWh × 4.50 + 5.00 = 14.00, of which VAT 14.00 × 25 / 125 = 2.80.
        JsonElement running = default;
        await Poll.UntilAsync(async () =>
        {
            var status = await api.GetFromJsonAsync<JsonElement>("api/v1/status");
            var connector = ConnectorOf(status.GetProperty("chargers"));
            return connector.TryGetProperty("cost", out running) && running.GetProperty("energyWh").GetDecimal() == 2000;
        }, "the running cost in the status");
        AssertCost(running, total: 14.00m, vat: 2.80m, energy: 9.00m, energyWh: 2000);

        var telemetry = await cloud.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal) && HasCost(x.Json)), TimeSpan.FromSeconds(30), "telemetry with a running cost");
        AssertCost(ConnectorOf(telemetry.Last(x => x.Topic.EndsWith("/telemetry", StringComparison.Ordinal) && HasCost(x.Json)).Json.GetProperty("chargers")),
            total: 14.00m, vat: 2.80m, energy: 9.00m, energyWh: 2000, what: "cost");

        // 4 kWh × 4.50 + 5.00 = 23.00, VAT 4.60.
        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 5000, OcppPayloads.Iso(startedAt.AddMinutes(9)), "Local"));

        var session = (await api.GetFromJsonAsync<JsonElement>("api/v1/sessions")).EnumerateArray().Single(s => s.GetProperty("transactionId").GetInt32() == transactionId);
        AssertCost(session.GetProperty("cost"), total: 23.00m, vat: 4.60m, energy: 18.00m, energyWh: 4000);

        var csv = (await api.GetStringAsync("api/v1/sessions/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var line = csv.Skip(1).Select(l => l.Split(',')).Single(f => f[Array.IndexOf(header, "transactionId")] == transactionId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("public", "SEK", "23.00", "4.60", "18.00", "5.00"), (
            line[Array.IndexOf(header, "tariffId")], line[Array.IndexOf(header, "currency")], line[Array.IndexOf(header, "total")],
            line[Array.IndexOf(header, "vat")], line[Array.IndexOf(header, "costEnergy")], line[Array.IndexOf(header, "costFee")]));

        var published = (await cloud.WaitForAsync(m => m.Any(x => x.Topic == $"chargenet/v1/{Site}/sessions"), TimeSpan.FromSeconds(30), "the session on MQTT"))
            .Single(x => x.Topic == $"chargenet/v1/{Site}/sessions").Json;
        Assert.Equal(transactionId, published.GetProperty("transactionId").GetInt32());
        AssertCost(published.GetProperty("cost"), total: 23.00m, vat: 4.60m, energy: 18.00m, energyWh: 4000);

        // The statement of the local day it stopped on (Europe/Stockholm) bills TAG-PRICED for it.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startedAt.AddMinutes(9), TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
        var range = $"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        var statement = await api.GetFromJsonAsync<JsonElement>($"api/v1/statements?{range}");
        var row = statement.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(("TAG-PRICED", 1, 4.000m, 23.00m, 4.60m, "public"), (row.GetProperty("idTag").GetString(), row.GetProperty("sessions").GetInt32(),
            row.GetProperty("energyKwh").GetDecimal(), row.GetProperty("total").GetDecimal(), row.GetProperty("vat").GetDecimal(), row.GetProperty("tariffIds")[0].GetString()));
        Assert.Equal(("SEK", 23.00m), (statement.GetProperty("currency").GetString(), statement.GetProperty("totals").GetProperty("total").GetDecimal()));
        Assert.Equal($"idTag,sessions,energyKwh,total,vat,tariffIds\r\nTAG-PRICED,1,4.000,23.00,4.60,public\r\n", await api.GetStringAsync($"api/v1/statements?{range}&format=csv"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await api.GetAsync($"api/v1/statements?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).StatusCode);
    }

    private static bool HasCost(JsonElement telemetry) =>
        ConnectorOf(telemetry.GetProperty("chargers")).TryGetProperty("cost", out var cost) && cost.GetProperty("energyWh").GetDecimal() == 2000;

    private static JsonElement ConnectorOf(JsonElement chargers) =>
        chargers.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "PRICED-1").GetProperty("connectors").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == 1);

    private static void AssertCost(JsonElement cost, decimal total, decimal vat, decimal energy, decimal energyWh, string what = "")
    {
        if (what.Length > 0)
        {
            cost = cost.GetProperty(what);
        }

        Assert.Equal(("SEK", "public"), (cost.GetProperty("currency").GetString(), cost.GetProperty("tariffId").GetString()));
        Assert.Equal((total, vat, energy, 0m, 0m, 5.00m, energyWh), (
            cost.GetProperty("total").GetDecimal(), cost.GetProperty("vat").GetDecimal(), cost.GetProperty("energy").GetDecimal(),
            cost.GetProperty("time").GetDecimal(), cost.GetProperty("idle").GetDecimal(), cost.GetProperty("fee").GetDecimal(),
            cost.GetProperty("energyWh").GetDecimal()));
    }
}
