using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The price on the charger (docs/pricing.md): the built daemon on a priced site and two strict
/// ocpp-rpc charge points, one whose <c>CustomDisplayCostAndPrice</c> reads true and one without it.
/// The first gets the California Pricing DataTransfer messages with the cost engine's figures, the
/// second gets none.
/// </summary>
public sealed class ChargerCostDisplayTests
{
    private const string CostMessages = "org.openchargealliance.costmsg";

    // 4.50 SEK/kWh, 5.00 a session, idle 60 SEK/h after 30 minutes, 25 % VAT (the 2.0.1 display test's too).
    internal const string Site = """
        {
          "siteId": "display-site",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "DISPLAY-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "PLAIN-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50, "sessionFee": 5.00,
                                      "idlePerHour": 60, "idleGraceMinutes": 30 } ] }
        }
        """;

    [Fact]
    public async Task A_charger_that_displays_cost_gets_SetUserPrice_RunningCost_and_FinalCost_with_the_engines_figures_and_one_that_does_not_gets_none()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        await using var plain = await OcppPeer.StartAsync();
        await using var display = await OcppPeer.StartAsync();
        await display.SetReplyAsync("GetConfiguration", new { configurationKey = new[] { new { key = "CustomDisplayCostAndPrice", @readonly = true, value = "true" } } });

        // The charger without the key first: the display's work is done in order, so by the time the
        // second charger's FinalCost arrives, this one's session has been seen through.
        await RunSessionAsync(plain, daemon, "PLAIN-1", "TAG-PLAIN");

        var startedAt = await RunSessionAsync(display, daemon, "DISPLAY-1", "TAG-SHOWN");
        var messages = await CostMessagesAsync(display, 3);

        var setUserPrice = messages.Single(m => m.MessageId == "SetUserPrice").Data;
        Assert.Equal("TAG-SHOWN", setUserPrice.GetProperty("idToken").GetString());
        Assert.Equal("4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min", setUserPrice.GetProperty("priceText").GetString());

        // After MeterValues at 3,000 Wh: 2 kWh × 4.50 + 5.00 = 14.00.
        var running = messages.First(m => m.MessageId == "RunningCost").Data;
        Assert.Equal(3000, running.GetProperty("meterValue").GetInt64());
        Assert.Equal(14.00m, running.GetProperty("cost").GetDecimal());
        Assert.Contains(running.GetProperty("state").GetString(), new[] { "Charging", "Idle" }); // no current reported: the loop may see it idle
        Assert.True(running.GetProperty("timestamp").GetDateTimeOffset() >= startedAt);
        var price = running.GetProperty("chargingPrice");
        Assert.Equal((4.50m, 0m, 5.00m), (price.GetProperty("kWhPrice").GetDecimal(), price.GetProperty("hourPrice").GetDecimal(), price.GetProperty("flatFee").GetDecimal()));
        Assert.Equal((30, 60m), (running.GetProperty("idlePrice").GetProperty("graceMinutes").GetInt32(), running.GetProperty("idlePrice").GetProperty("hourPrice").GetDecimal()));
        var transactionId = running.GetProperty("transactionId").GetInt32();

        // After StopTransaction at 5,000 Wh: 4 kWh × 4.50 + 5.00 = 23.00, of which VAT 4.60.
        var final = (await CostMessagesAsync(display, 3)).Last(m => m.MessageId == "FinalCost").Data;
        Assert.Equal(transactionId, final.GetProperty("transactionId").GetInt32());
        Assert.Equal(23.00m, final.GetProperty("cost").GetDecimal());
        Assert.Equal("Total 23.00 SEK incl. 4.60 VAT for 4.000 kWh", final.GetProperty("priceText").GetString());

        Assert.Empty(await CostMessagesAsync(plain, 0));
        Assert.Contains("INCALL a GetConfiguration", plain.Output, StringComparison.Ordinal); // it was asked
    }

    [Fact]
    public async Task Whether_a_charger_displays_cost_is_asked_once_per_connection_and_never_for_a_session_without_pricing()
    {
        var unpriced = JsonNode.Parse(Site)!.AsObject();
        unpriced.Remove("pricing");
        await using var daemon = await SiteDaemon.StartAsync(unpriced.ToJsonString());
        await using var display = await OcppPeer.StartAsync();
        await display.SetReplyAsync("GetConfiguration", new { configurationKey = new[] { new { key = "CustomDisplayCostAndPrice", @readonly = true, value = "true" } } });
        var url = $"ws://{daemon.Ocpp.Authority}/ocpp";
        Assert.True((await display.ConnectAsync(url, "DISPLAY-1")).GetProperty("ok").GetBoolean());
        await display.CallOkAsync("BootNotification", OcppPayloads.Boot);

        // Without pricing: a whole session, and the charger is not asked.
        await ChargeAsync(display, "a", "TAG-FREE");

        // With pricing: two sessions on one connection, one question; each session gets its price.
        using (var admin = await daemon.LoggedInClientAsync())
        {
            var document = await ConfigJson.GetAsync(admin);
            document["pricing"] = JsonNode.Parse(Site)!["pricing"]!.DeepClone();
            using var response = await admin.PutAsync("api/v1/config", ConfigJson.Body(document));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await ChargeAsync(display, "a", "TAG-1");
        await ChargeAsync(display, "a", "TAG-2");
        await Poll.UntilAsync(() => Task.FromResult(SetUserPrices(display, "a") == 2), "a price for each priced session:\n" + display.Output);
        Assert.Equal(1, DisplayQuestions(display));

        // A new connection (and boot): asked again, once.
        await display.CloseAsync("a");
        Assert.True((await display.ConnectAsync(url, "DISPLAY-1", client: "b")).GetProperty("ok").GetBoolean());
        await display.CallOkAsync("BootNotification", OcppPayloads.Boot, "b");
        await ChargeAsync(display, "b", "TAG-3");
        await Poll.UntilAsync(() => Task.FromResult(SetUserPrices(display, "b") == 1), "a price on the new connection:\n" + display.Output);
        Assert.Equal(2, DisplayQuestions(display));
    }

    /// <summary>A session of a few minutes' energy on connector 1, started and stopped by the charger.</summary>
    private static async Task ChargeAsync(OcppPeer peer, string client, string idTag)
    {
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var transactionId = (await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, idTag, 1000, OcppPayloads.Iso(startedAt)), client)).GetProperty("transactionId").GetInt32();
        await peer.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(5), 3000), client);
        await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 5000, OcppPayloads.Iso(startedAt.AddMinutes(9)), "Local"), client);
    }

    /// <summary>How many times the charger was asked whether it displays cost, on any of its connections.</summary>
    private static int DisplayQuestions(OcppPeer peer) => peer.Output.Split('\n')
        .Count(l => l.StartsWith("INCALL ", StringComparison.Ordinal) && l.Contains(" GetConfiguration ", StringComparison.Ordinal)
            && l.Contains("CustomDisplayCostAndPrice", StringComparison.Ordinal));

    private static int SetUserPrices(OcppPeer peer, string client) => peer.Output.Split('\n')
        .Count(l => l.StartsWith($"INCALL {client} DataTransfer ", StringComparison.Ordinal) && l.Contains("SetUserPrice", StringComparison.Ordinal));

    private static async Task<DateTimeOffset> RunSessionAsync(OcppPeer peer, SiteDaemon daemon, string chargerId, string idTag)
    {
        Assert.True((await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", chargerId)).GetProperty("ok").GetBoolean());
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var transactionId = (await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, idTag, 1000, OcppPayloads.Iso(startedAt)))).GetProperty("transactionId").GetInt32();
        await peer.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(5), 3000));
        await Poll.UntilAsync(() => Task.FromResult(peer.Output.Contains("\"messageId\":\"RunningCost\"", StringComparison.Ordinal) || chargerId == "PLAIN-1"),
            "the running cost on the display");
        await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 5000, OcppPayloads.Iso(startedAt.AddMinutes(9)), "Local"));
        return startedAt;
    }

    /// <summary>The California Pricing DataTransfers the peer got, once there are at least <paramref name="atLeast"/>.</summary>
    private static async Task<List<(string MessageId, JsonElement Data)>> CostMessagesAsync(OcppPeer peer, int atLeast)
    {
        List<(string MessageId, JsonElement Data)> Read() => [.. peer.Output.Split('\n')
            .Where(l => l.StartsWith("INCALL a DataTransfer ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["INCALL a DataTransfer ".Length..]).RootElement.Clone())
            .Where(p => p.GetProperty("vendorId").GetString() == CostMessages)
            .Select(p => (p.GetProperty("messageId").GetString()!, JsonDocument.Parse(p.GetProperty("data").GetString()!).RootElement.Clone()))];
        await Poll.UntilAsync(() => Task.FromResult(Read().Count >= atLeast && (atLeast == 0 || Read().Any(m => m.MessageId == "FinalCost"))),
            $"{atLeast} cost messages:\n{peer.Output}");
        return Read();
    }
}
