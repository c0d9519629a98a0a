using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Ocpp.CostDisplay;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The price on an idle OCPP 2.0.1 station's display ([OCPP 2.0.1] O01/O06; docs/ocpp.md, "The price on an idle 2.0.1 station"):
/// the price display service on a fake clock, the cost engine over an in-memory store, a real central system and strict ocpp-rpc
/// 2.0.1 stations (which check every SetDisplayMessage against the official schema). The tariff of the 2.0.1 cost tests, with a
/// weekday day price of 5.50 from 07:00 to 19:00 in Europe/Stockholm.
/// </summary>
public sealed class Ocpp201PriceDisplayTests
{
    // Wednesday 2 December 2026, 18:58:30 in Stockholm (UTC+1): the day price holds until 19:00 local, 18:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 17, 58, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset DayPriceEnds = new(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_station_with_the_controllers_shows_the_price_until_the_period_boundary_then_the_next_price_under_the_same_id_and_one_without_gets_none()
    {
        var clock = new FakeTimeProvider(Start);
        await using var rig = await Rig.StartAsync(clock, WithDayPeriod(ChargerCostDisplayTests.Site));
        // Tariff display but no DisplayMessageCtrlr: nothing (its price comes with an accepted token, I01).
        await using var plain = await rig.BootAsync("PLAIN-1", Ocpp201CostDisplayTests.Controller("true"), "Accepted");
        await using var shown = await rig.BootAsync("DISPLAY-1", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], "Accepted");

        var (day, dayAt) = await Ocpp201RunningCostTests.CallWithinAsync(shown, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        var message = day.GetProperty("message");
        Assert.Equal((Ocpp201PriceMessage.Id, "NormalCycle", "Idle"), (message.GetProperty("id").GetInt32(), message.GetProperty("priority").GetString(), message.GetProperty("state").GetString()));
        Assert.Equal(("UTF8", "5.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)"),
            (message.GetProperty("message").GetProperty("format").GetString(), message.GetProperty("message").GetProperty("content").GetString()));
        Assert.InRange(message.GetProperty("startDateTime").GetDateTimeOffset(), dayAt - Ocpp201PriceDisplay.Tick, dayAt);
        Assert.Equal(DayPriceEnds, message.GetProperty("endDateTime").GetDateTimeOffset());

        // Past the boundary: the evening price under the same id, until the next morning's 07:00 local (06:00 UTC).
        var (evening, eveningAt) = await Ocpp201RunningCostTests.CallWithinAsync(shown, clock, "SetDisplayMessage", TimeSpan.FromMinutes(3));
        Assert.InRange(eveningAt, DayPriceEnds, DayPriceEnds + (2 * Ocpp201PriceDisplay.Tick));
        message = evening.GetProperty("message");
        Assert.Equal(Ocpp201PriceMessage.Id, message.GetProperty("id").GetInt32());
        Assert.Equal("4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)", message.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), message.GetProperty("endDateTime").GetDateTimeOffset());

        // One message per price, not one per look; none for the station without the controller.
        Assert.Equal(2, Calls(shown).Count);
        Assert.Empty(Calls(plain));
        Assert.DoesNotContain(rig.Host.Events.Events, e => e.Code == "ocpp.price-display-refused");
    }

    [Fact]
    public async Task A_station_that_refuses_the_price_is_told_once_as_an_event_and_not_asked_again_while_the_price_holds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var rig = await Rig.StartAsync(clock, ChargerCostDisplayTests.Site);
        await using var station = await rig.BootAsync("DISPLAY-1", [.. Ocpp201CostDisplayTests.Controller("true"), .. DisplayController()], "NotSupportedState");

        await Ocpp201RunningCostTests.CallWithinAsync(station, clock, "SetDisplayMessage", TimeSpan.FromSeconds(30));
        for (var i = 0; i < 24; i++)
        {
            clock.Advance(Ocpp201PriceDisplay.Tick); // two minutes of looks
            await Task.Delay(20);
        }

        await Poll.UntilAsync(() => Task.FromResult(rig.Host.Events.Events.Any(e => e.Code == "ocpp.price-display-refused")), "no refusal event");
        var refused = Assert.Single(rig.Host.Events.Events, e => e.Code == "ocpp.price-display-refused");
        Assert.Equal(("DISPLAY-1", "warning"), (refused.ChargePointId, refused.Severity));
        Assert.Contains("NotSupportedState", refused.Message, StringComparison.Ordinal);
        Assert.Single(Calls(station));
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

    private static string WithDayPeriod(string site)
    {
        var node = JsonNode.Parse(site)!;
        node["pricing"]!["tariffs"]![0]!["periods"] = JsonNode.Parse("""[ { "days": ["mon","tue","wed","thu","fri"], "from": "07:00", "to": "19:00", "energyPerKwh": 5.50 } ]""");
        return node.ToJsonString();
    }

    private static List<JsonElement> Calls(OcppPeer peer) => [.. peer.Output.Split('\n')
        .Where(l => l.StartsWith("INCALL a SetDisplayMessage ", StringComparison.Ordinal))
        .Select(l => JsonDocument.Parse(l["INCALL a SetDisplayMessage ".Length..]).RootElement.Clone())];

    /// <summary>The price display service on <paramref name="clock"/> over a real central system and the cost engine of <paramref name="siteJson"/>.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly LiteEdgeStore _store;
        private readonly SpotPrices _spot;
        private readonly Ocpp201PriceDisplay _display;

        private Rig(OcppTestHost host, LiteEdgeStore store, SpotPrices spot, Ocpp201PriceDisplay display) => (Host, _store, _spot, _display) = (host, store, spot, display);

        public OcppTestHost Host { get; }

        public static async Task<Rig> StartAsync(FakeTimeProvider clock, string siteJson)
        {
            var site = SiteConfigurationReader.ReadPart<SiteConfiguration>(siteJson)!;
            var store = LiteEdgeStore.OpenInMemory(clock);
            var spot = new SpotPrices(store.SpotPrices, clock);
            var calculator = new SessionCostCalculator(() => site, spot);
            var recorder = new SessionRecorder(store, clock, new PricedSessions(calculator));
            var host = await OcppTestHost.StartAsync(store: new OcppSessionLedger(store, recorder));
            var display = new Ocpp201PriceDisplay(host.Server, new OcppCostSource(recorder, calculator, store, clock), host.Events, clock, NullLogger<Ocpp201PriceDisplay>.Instance);
            await display.StartAsync(CancellationToken.None);
            return new Rig(host, store, spot, display);
        }

        /// <summary>A booted 2.0.1 station with the base report <paramref name="report"/> that answers SetDisplayMessage with <paramref name="status"/>.</summary>
        public async Task<OcppPeer> BootAsync(string id, object[] report, string status)
        {
            Host.Registry.Add(id, version: OcppVersion.V201);
            var station = await Ocpp201CostDisplayTests.BootAsync(Host.BaseUrl, id, report);
            await station.SetReplyAsync("SetDisplayMessage", new { status }); // before the clock moves: the service looks only on its ticks
            return station;
        }

        public async ValueTask DisposeAsync()
        {
            await _display.StopAsync(CancellationToken.None);
            _display.Dispose();
            await Host.DisposeAsync();
            _spot.Dispose();
            _store.Dispose();
        }
    }
}
