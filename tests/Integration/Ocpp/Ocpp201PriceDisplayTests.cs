using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.Integration.Tests.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The price on an idle OCPP 2.0.1 station's display ([OCPP 2.0.1] O01/O06; docs/ocpp.md, "The price on an idle 2.0.1 station"):
/// the price display service on a fake clock over a real central system and the cost engine (<see cref="PricedOcppHost"/>), and
/// strict ocpp-rpc 2.0.1 stations, which check every SetDisplayMessage against the official schema. The tariff of the 2.0.1 cost
/// tests (4.50 SEK/kWh, 5.00 a session, idle 60 SEK/h after 30 minutes; Europe/Stockholm).
/// </summary>
public sealed class Ocpp201PriceDisplayTests
{
    // Wednesday 2 December 2026, 18:58:30 in Stockholm (UTC+1).
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 17, 58, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset DayPriceEnds = new(2026, 12, 2, 18, 0, 0, TimeSpan.Zero); // 19:00 local

    [Fact]
    public async Task A_station_with_the_controllers_shows_the_price_until_the_period_boundary_then_the_next_price_under_the_same_id_and_one_without_gets_none()
    {
        var clock = new FakeTimeProvider(Start);
        // With a weekday day price of 5.50 from 07:00 to 19:00.
        await using var priced = await PricedOcppHost.StartAsync(clock, Edited(ChargerCostDisplayTests.Site,
            t => t["periods"] = JsonNode.Parse("""[ { "days": ["mon","tue","wed","thu","fri"], "from": "07:00", "to": "19:00", "energyPerKwh": 5.50 } ]""")));
        using var display = await StartDisplayAsync(priced, clock);
        // Tariff display but no DisplayMessageCtrlr: nothing (its price comes with an accepted token, I01).
        await using var plain = await BootAsync(priced, "PLAIN-1", Ocpp201CostDisplayTests.Controller("true"), "Accepted");
        await using var shown = await BootAsync(priced, "DISPLAY-1", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], "Accepted");

        var (day, dayAt) = await Ocpp201RunningCostTests.CallWithinAsync(shown, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        var message = day.GetProperty("message");
        Assert.Equal((Ocpp201PriceMessage.Id, "NormalCycle", "Idle"), (message.GetProperty("id").GetInt32(), message.GetProperty("priority").GetString(), message.GetProperty("state").GetString()));
        Assert.Equal(("UTF8", "5.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)"), Content(day));
        Assert.InRange(message.GetProperty("startDateTime").GetDateTimeOffset(), Start, dayAt); // the service's now
        Assert.Equal(DayPriceEnds, message.GetProperty("endDateTime").GetDateTimeOffset());

        // Past the boundary: the evening price under the same id, until the next morning's 07:00 local (06:00 UTC).
        // Sent at the first look from the boundary on (a loaded machine may see it a few of the clock's steps late, never early).
        var (evening, eveningAt) = await Ocpp201RunningCostTests.CallWithinAsync(shown, clock, "SetDisplayMessage", TimeSpan.FromMinutes(3));
        Assert.InRange(evening.GetProperty("message").GetProperty("startDateTime").GetDateTimeOffset(), DayPriceEnds, eveningAt);
        Assert.True(eveningAt - DayPriceEnds < TimeSpan.FromMinutes(1), $"the evening price came {eveningAt - DayPriceEnds} after the boundary");
        Assert.Equal(Ocpp201PriceMessage.Id, evening.GetProperty("message").GetProperty("id").GetInt32());
        Assert.Equal(("UTF8", "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)"), Content(evening));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), End(evening));

        // One message per price, not one per look; none for the station without the controller.
        Assert.Equal(2, Calls(shown).Count);
        Assert.Empty(Calls(plain));
        Assert.DoesNotContain(priced.Host.Events.Events, e => e.Code == "ocpp.price-display-refused");
    }

    [Fact]
    public async Task An_edited_tariff_and_new_spot_prices_replace_the_message_under_the_same_id()
    {
        var clock = new FakeTimeProvider(Start);
        // A flat 4.50, spot-linked (× 1.25 + 1.00) where the cloud has sent prices.
        await using var priced = await PricedOcppHost.StartAsync(clock, Edited(ChargerCostDisplayTests.Site,
            t => t["spot"] = JsonNode.Parse("""{ "multiplier": 1.25, "markupPerKwh": 1.00 }""")));
        using var display = await StartDisplayAsync(priced, clock);
        await using var station = await BootAsync(priced, "DISPLAY-1", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], "Accepted");

        // No change before the end of the next local day: until Friday 00:00 local.
        var endOfTomorrow = new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.Zero);
        var (flat, _) = await Ocpp201RunningCostTests.CallWithinAsync(station, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        Assert.Equal(("UTF8", "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)", endOfTomorrow), (Content(flat).Format, Content(flat).Text, End(flat)));

        // The tariff edited (the page or REST replace the configuration): the new price, the same end.
        priced.Site = SiteConfigurationReader.ReadPart<SiteConfiguration>(Edited(ChargerCostDisplayTests.Site, t =>
        {
            t["energyPerKwh"] = 4.80m;
            t["spot"] = JsonNode.Parse("""{ "multiplier": 1.25, "markupPerKwh": 1.00 }""");
        }))!;
        var (edited, _) = await Ocpp201RunningCostTests.CallWithinAsync(station, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        Assert.Equal(("4.80 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)", endOfTomorrow), (Content(edited).Text, End(edited)));

        // Spot prices from 19:30 local (set-energy-prices): the price now holds only until they start.
        var spotFrom = new DateTimeOffset(2026, 12, 2, 18, 30, 0, TimeSpan.Zero);
        await priced.Spot.ApplyAsync(SpotPriceTable.Of("SEK", [new SpotPrice(spotFrom, spotFrom.AddMinutes(15), 1.00m)]), CancellationToken.None);
        var (spotted, _) = await Ocpp201RunningCostTests.CallWithinAsync(station, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        Assert.Equal((Ocpp201PriceMessage.Id, Content(edited).Text, spotFrom), (spotted.GetProperty("message").GetProperty("id").GetInt32(), Content(spotted).Text, End(spotted)));
        Assert.Equal(3, Calls(station).Count);
    }

    [Fact]
    public async Task A_station_that_refuses_the_price_is_told_once_as_an_event_and_not_asked_again_while_the_price_holds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var priced = await PricedOcppHost.StartAsync(clock, ChargerCostDisplayTests.Site);
        using var display = await StartDisplayAsync(priced, clock);
        await using var station = await BootAsync(priced, "DISPLAY-1", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], "NotSupportedState");

        await Ocpp201RunningCostTests.CallWithinAsync(station, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => Task.FromResult(priced.Host.Events.Events.Any(e => e.Code == "ocpp.price-display-refused")), "no refusal event");
        for (var i = 0; i < 24; i++)
        {
            clock.Advance(Ocpp201PriceDisplay.Tick); // two minutes of looks
            await Task.Delay(20);
        }

        var refused = Assert.Single(priced.Host.Events.Events, e => e.Code == "ocpp.price-display-refused");
        Assert.Equal(("DISPLAY-1", "warning"), (refused.ChargePointId, refused.Severity));
        Assert.Contains("NotSupportedState", refused.Message, StringComparison.Ordinal);
        Assert.Single(Calls(station));
    }

    [Fact]
    public async Task The_built_daemon_shows_the_price_on_a_station_that_reports_the_controllers_within_a_look_of_its_boot()
    {
        await using var daemon = await SiteDaemon.StartAsync(Ocpp201CostDisplayTests.SiteWith("""
            [ { "id": "BOARD-201", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 } ]
            """));
        await using var station = await OcppPeer.StartAsync();
        await station.SetReplyAsync("SetDisplayMessage", new { status = "Accepted" });
        var shown = station.ExpectIncomingCall("SetDisplayMessage"); // within the peer's 20 s: the service looks every 5 s
        await Ocpp201CostDisplayTests.BootAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "BOARD-201", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], station);
        var call = await OcppPeer.WaitForIncomingCallAsync(shown);

        // The flat tariff holds until the end of the next day in Stockholm.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        Assert.Equal(Ocpp201PriceMessage.Id, call.GetProperty("message").GetProperty("id").GetInt32());
        Assert.Equal(("UTF8", "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)"), Content(call));
        Assert.Contains(End(call), new[] { SiteTimeZone.StartOfDay(today.AddDays(1), zone), SiteTimeZone.StartOfDay(today.AddDays(2), zone) }); // a midnight may have passed since it was sent
    }

    /// <summary>The DisplayMessageCtrlr items of a base report: available and enabled, 4 messages, UTF8 and ASCII, NormalCycle and InFront.</summary>
    private static object[] DisplayController() =>
    [
        Item("Available", "true", "boolean"), Item("Enabled", "true", "boolean"),
        Item("DisplayMessages", "0", "integer", maxLimit: 4), Item("SupportedFormats", "ASCII,UTF8", "MemberList"), Item("SupportedPriorities", "NormalCycle,InFront", "MemberList"),
    ];

    private static object Item(string variable, string value, string dataType, int? maxLimit = null) => new
    {
        component = new { name = "DisplayMessageCtrlr" },
        variable = new { name = variable },
        variableAttribute = new[] { new { type = "Actual", value } },
        variableCharacteristics = maxLimit is { } limit
            ? (object)new { dataType, maxLimit = limit, supportsMonitoring = false }
            : new { dataType, supportsMonitoring = false },
    };

    private static async Task<Ocpp201PriceDisplay> StartDisplayAsync(PricedOcppHost priced, FakeTimeProvider clock)
    {
        var display = new Ocpp201PriceDisplay(priced.Host.Server, priced.Costs, priced.Host.Events, clock, NullLogger<Ocpp201PriceDisplay>.Instance);
        await display.StartAsync(CancellationToken.None);
        return display;
    }

    /// <summary>A booted station that answers SetDisplayMessage with <paramref name="status"/> (set before the clock moves: the service looks only on its ticks).</summary>
    private static async Task<OcppPeer> BootAsync(PricedOcppHost priced, string id, object[] report, string status)
    {
        var station = await priced.BootAsync(id, report);
        await station.SetReplyAsync("SetDisplayMessage", new { status });
        return station;
    }

    /// <summary>The site with its first tariff edited.</summary>
    private static string Edited(string site, Action<JsonNode> tariff)
    {
        var node = JsonNode.Parse(site)!;
        tariff(node["pricing"]!["tariffs"]![0]!);
        return node.ToJsonString();
    }

    private static (string? Format, string? Text) Content(JsonElement call) =>
        (call.GetProperty("message").GetProperty("message").GetProperty("format").GetString(), call.GetProperty("message").GetProperty("message").GetProperty("content").GetString());

    private static DateTimeOffset End(JsonElement call) => call.GetProperty("message").GetProperty("endDateTime").GetDateTimeOffset();

    private static List<JsonElement> Calls(OcppPeer peer) => [.. peer.Output.Split('\n')
        .Where(l => l.StartsWith("INCALL a SetDisplayMessage ", StringComparison.Ordinal))
        .Select(l => JsonDocument.Parse(l["INCALL a SetDisplayMessage ".Length..]).RootElement.Clone())];
}
