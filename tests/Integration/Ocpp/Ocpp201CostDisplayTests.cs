using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Tariff and cost on OCPP 2.0.1 stations (docs/ocpp.md, "Tariff and cost on a 2.0.1 station"; [OCPP 2.0.1] I01–I03):
/// the built daemon on a priced site and two strict ocpp-rpc 2.0.1 stations, one whose base report has the
/// TariffCostCtrlr's Tariff and Cost available and enabled, one that reports it not available. The first gets the
/// driver's price as personalMessage, the running cost as totalCost and CostUpdated, and the final cost in the
/// Ended's answer, each equal to the cost engine's; the second gets none of these.
/// </summary>
public sealed class Ocpp201CostDisplayTests
{
    // The 1.6 display test's site and tariff (4.50 SEK/kWh, 5.00 a session, idle 60 SEK/h after 30 minutes, 25 % VAT), with 2.0.1 stations.
    private static readonly string Site = SiteWith("""
        [ { "id": "SHOW-201", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 },
          { "id": "PLAIN-201", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 } ]
        """);

    private const string PriceText = "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min";

    [Fact]
    public async Task A_station_with_TariffCostCtrlr_gets_the_price_the_running_and_the_final_cost_of_the_engine_and_one_without_gets_none()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        await using var plain = await BootAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "PLAIN-201", Controller("false"));
        await using var shown = await BootAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "SHOW-201", Controller("true"));

        // The station without the controller first: the display's work is done in order, so once the other's
        // CostUpdated has come, this one's session has been seen through.
        var plainRun = await RunSessionAsync(plain, "TAG-PLAIN", "tx-plain-1");
        var run = await RunSessionAsync(shown, "TAG-SHOWN", "tx-show-1");

        // I01: the driver's price with the accepted token, on Authorize and on the event that carried the token.
        foreach (var info in new[] { run.Authorized.GetProperty("idTokenInfo"), run.Started.GetProperty("idTokenInfo") })
        {
            Assert.Equal("Accepted", info.GetProperty("status").GetString());
            var message = info.GetProperty("personalMessage");
            Assert.Equal(("UTF8", "en", PriceText), (message.GetProperty("format").GetString(), message.GetProperty("language").GetString(), message.GetProperty("content").GetString()));
        }

        // I02.FR.01: the running total in the answers — the fee alone at the start, 2 kWh × 4.50 + 5.00 after the reading at 3,000 Wh.
        Assert.Equal(5.00m, run.Started.GetProperty("totalCost").GetDecimal());
        Assert.Equal(14.00m, run.Updated.GetProperty("totalCost").GetDecimal());

        // I02: CostUpdated after each reading that changed the energy, with the transaction's id and the same figures.
        // None after the Ended: its answer has the final cost. (The once-a-minute one is not due in this session's seconds.)
        var costUpdates = CostUpdates(shown);
        Assert.All(costUpdates, c => Assert.Equal("tx-show-1", c.GetProperty("transactionId").GetString()));
        Assert.Equal([5.00m, 14.00m], costUpdates.Select(c => c.GetProperty("totalCost").GetDecimal()));

        // I03: the final total in the Ended's answer (4 kWh × 4.50 + 5.00 = 23.00, VAT 4.60), as the session is stored.
        Assert.Equal(23.00m, run.Ended.GetProperty("totalCost").GetDecimal());
        var final = run.Ended.GetProperty("updatedPersonalMessage");
        Assert.Equal(("UTF8", "Total 23.00 SEK incl. 4.60 VAT for 4.000 kWh"), (final.GetProperty("format").GetString(), final.GetProperty("content").GetString()));
        using var api = await daemon.LoggedInClientAsync();
        var sessions = await api.GetFromJsonAsync<JsonElement>("api/v1/sessions");
        var stored = sessions.EnumerateArray().Single(s => s.GetProperty("chargerId").GetString() == "SHOW-201");
        Assert.Equal("tx-show-1", stored.GetProperty("transactionId").GetString());
        Assert.Equal(23.00m, stored.GetProperty("cost").GetProperty("total").GetDecimal());

        // The station that does not display cost: no price, no cost, no CostUpdated — though its session is priced.
        foreach (var answer in new[] { plainRun.Started, plainRun.Updated, plainRun.Ended })
        {
            Assert.False(answer.TryGetProperty("totalCost", out _), answer.ToString());
            Assert.False(answer.TryGetProperty("updatedPersonalMessage", out _), answer.ToString());
        }

        Assert.False(plainRun.Authorized.GetProperty("idTokenInfo").TryGetProperty("personalMessage", out _));
        Assert.False(plainRun.Started.GetProperty("idTokenInfo").TryGetProperty("personalMessage", out _));
        Assert.Empty(CostUpdates(plain));
        Assert.Equal(23.00m, sessions.EnumerateArray().Single(s => s.GetProperty("chargerId").GetString() == "PLAIN-201").GetProperty("cost").GetProperty("total").GetDecimal());
    }

    internal static string SiteWith(string chargers)
    {
        var site = System.Text.Json.Nodes.JsonNode.Parse(ChargerCostDisplayTests.Site)!;
        site["chargers"] = System.Text.Json.Nodes.JsonNode.Parse(chargers);
        return site.ToJsonString();
    }

    /// <summary>The TariffCostCtrlr items of a base report: Tariff and Cost, each Available and Enabled.</summary>
    internal static object[] Controller(string value) =>
        [.. from variable in new[] { "Available", "Enabled" }
            from instance in new[] { "Tariff", "Cost" }
            select new
            {
                component = new { name = "TariffCostCtrlr" },
                variable = new { name = variable, instance },
                variableAttribute = new[] { new { type = "Actual", value } },
            }];

    /// <summary>A connected, booted station (<paramref name="started"/>, else a new one) whose base report (<paramref name="report"/>) the central system at <paramref name="url"/> has read.</summary>
    internal static async Task<OcppPeer> BootAsync(string url, string id, object[] report, OcppPeer? started = null)
    {
        var peer = started ?? await OcppPeer.StartAsync();
        await peer.SetStationAsync(new { report, reportPart = 10 });
        await peer.SetReplyAsync("CostUpdated", new { });
        Assert.True((await peer.ConnectAsync(url, id, protocols: Ocpp201Payloads.Protocols)).GetProperty("ok").GetBoolean(), peer.Output);
        var reported = peer.ExpectReported();
        await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        await reported; // the last NotifyReport was answered: the edge has the device model
        return peer;
    }

    private sealed record Run(JsonElement Authorized, JsonElement Started, JsonElement Updated, JsonElement Ended);

    /// <summary>Authorize, then a transaction of 1,000 → 3,000 → 5,000 Wh over nine minutes; the answers.</summary>
    private static async Task<Run> RunSessionAsync(OcppPeer peer, string idToken, string transactionId)
    {
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        string At(int minutes) => OcppPayloads.Iso(startedAt.AddMinutes(minutes));
        var authorized = await peer.CallOkAsync("Authorize", new { idToken = Ocpp201Payloads.Token(idToken) });
        var started = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, transactionId, At(0), "Authorized",
            [Ocpp201Payloads.Energy(At(0), 1000)], chargingState: "Charging", idToken: idToken));
        var updated = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, transactionId, At(5), "MeterValuePeriodic",
            [Ocpp201Payloads.Energy(At(5), 3000)], chargingState: "Charging"));
        if (transactionId.StartsWith("tx-show", StringComparison.Ordinal))
        {
            await Poll.UntilAsync(() => Task.FromResult(CostUpdates(peer).Any(c => c.GetProperty("totalCost").GetDecimal() == 14.00m)),
                "CostUpdated after the reading:\n" + peer.Output);
        }

        var ended = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 2, transactionId, At(9), "StopAuthorized",
            [Ocpp201Payloads.Energy(At(9), 5000)], chargingState: "EVConnected", stoppedReason: "Local"));
        return new Run(authorized, started, updated, ended);
    }

    private static List<JsonElement> CostUpdates(OcppPeer peer) => [.. peer.Output.Split('\n')
        .Where(l => l.StartsWith("INCALL a CostUpdated ", StringComparison.Ordinal))
        .Select(l => JsonDocument.Parse(l["INCALL a CostUpdated ".Length..]).RootElement.Clone())];
}
