using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Peers;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// Budgets on a Modbus wallbox (docs/pricing.md, "Budgets"), over the built daemon, a Modbus TCP wallbox
/// (npm modbus-serial, the generic-charger registers) and the cloud on a real mosquitto: such a charger
/// has no idTag and no remote stop, so <c>cmd/start-session</c> with a budget sets it on the connector —
/// for the session running there, or the next one — and the edge stops the session at it by pausing the
/// charger (a 0 A limit through the control loop) until the car leaves; the session ends as <c>BudgetReached</c>.
/// </summary>
public sealed class ModbusSessionBudgetTests
{
    private const string Site = "budget-modbus";
    private const string Charger = "WB-1";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_budget_set_on_a_Modbus_wallbox_stops_the_session_on_it_now_or_the_next_one_by_pausing_the_charger_until_the_car_leaves()
    {
        await using var rig = await Rig.StartAsync();
        var (cloud, wallbox, api) = (rig.Cloud, rig.Wallbox, rig.Api);
        Task<JsonElement> StartAsync(string id, string arguments) => rig.StartAsync(id, arguments);

        // Without a budget there is nothing a start can do on this charger; a wrong connector is named.
        var unsupported = await StartAsync("m-0", """{"maxCost":null}""");
        Assert.Contains("starts charging when a car is plugged in", unsupported.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'connectorId'", (await StartAsync("m-1", """{"connectorId":2,"maxEnergyWh":25}""")).GetProperty("error").GetString(), StringComparison.Ordinal);

        // A car charges; the driver then pays for 25 Wh (an idTag naming the payment): the running session takes it.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null && await DrawAsync(wallbox) > 0, "the car charging in a session", Deadline);
        var running = await StartAsync("m-2", """{"idTag":"SWISH-1","maxEnergyWh":25}""");
        Assert.True(running.GetProperty("ok").GetBoolean(), running.ToString());
        Assert.Equal("Running", running.GetProperty("result").GetProperty("status").GetString());
        Assert.Contains("already has a budget", (await StartAsync("m-3", """{"maxEnergyWh":99}""")).GetProperty("error").GetString(), StringComparison.Ordinal);

        // Reached: the charger is paused (0 A written) and stays so while the car is plugged in; the pause is the session's.
        await Poll.UntilAsync(async () => await DrawAsync(wallbox) == 0, "the wallbox paused at the budget", Deadline);
        var state = await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline);
        Assert.Equal((1, 0.0), (state.GetProperty("state").GetInt32(), state.GetProperty("limitA").GetDouble()));
        var pause = (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("manualLimits").EnumerateArray().Single();
        Assert.Equal((Charger, 0.0), (pause.GetProperty("chargerId").GetString(), pause.GetProperty("maxCurrentA").GetDouble()));
        Assert.StartsWith("budget of session ", pause.GetProperty("setBy").GetString(), StringComparison.Ordinal);
        var open = (await OpenSessionAsync(api))!.Value;
        Assert.Equal("SWISH-1", open.GetProperty("idTag").GetString());
        Assert.True(open.GetProperty("budget").GetProperty("reachedAt").TryGetDateTimeOffset(out _));

        // The car leaves: the session ends as BudgetReached with the payer's idTag, and the pause is lifted for the next car.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        var first = await BudgetCloud.PublishedSessionAsync(cloud, Site, s => s.GetProperty("idTag").GetString() == "SWISH-1");
        Assert.Equal(("BudgetReached", 25m), (first.GetProperty("stopReason").GetString(), first.GetProperty("budget").GetProperty("maxEnergyWh").GetDecimal()));
        Assert.InRange(first.GetProperty("energyWh").GetDouble(), 25, 60); // what it used: the last second's energy is billed, not cut off
        await Poll.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("manualLimits").GetArrayLength() == 0, "the pause lifted");

        // Paid before the next car arrives: the budget waits on the connector; 5.00 fee + 4.50/kWh reaches 5.10 at ~22 Wh.
        var waiting = await StartAsync("m-4", """{"connectorId":1,"maxCost":5.10}""");
        Assert.Equal("Waiting", waiting.GetProperty("result").GetProperty("status").GetString());
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await DrawAsync(wallbox) > 0, "the next car charging", Deadline);
        await Poll.UntilAsync(async () => await DrawAsync(wallbox) == 0, "the wallbox paused at the cost budget", Deadline);
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        var second = await BudgetCloud.PublishedSessionAsync(cloud, Site, s => s.GetProperty("idTag").ValueKind == JsonValueKind.Null);
        Assert.Equal(("BudgetReached", 5.10m), (second.GetProperty("stopReason").GetString(), second.GetProperty("budget").GetProperty("maxCost").GetDecimal()));
        Assert.True(second.GetProperty("cost").GetProperty("total").GetDecimal() >= 5.10m, second.ToString());

        var events = await api.GetFromJsonAsync<JsonElement>("api/v1/events?limit=200");
        Assert.Equal(2, Items(events).Count(e => e.GetProperty("code").GetString() == "session.budget.reached" && e.GetProperty("source").GetString() == Charger));
    }

    [Fact]
    public async Task A_start_session_over_MQTT_with_departureAt_and_energyWh_gives_the_next_session_on_a_Modbus_wallbox_the_cars_needs()
    {
        await using var rig = await Rig.StartAsync();
        var (cloud, wallbox, api) = (rig.Cloud, rig.Wallbox, rig.Api);
        Task<JsonElement> StartAsync(string id, string arguments) => rig.StartAsync(id, arguments);
        var now = DateTimeOffset.UtcNow;
        var leaves = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(4).ToOffset(TimeSpan.FromHours(1));
        var leavesText = leaves.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        // Bad values are named and set nothing.
        Assert.Contains("'departureAt'", (await StartAsync("n-0", """{"departureAt":"2026-12-03T07:30:00"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'departureAt'", (await StartAsync("n-1", """{"departureAt":"2020-01-01T07:30:00Z"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'energyWh'", (await StartAsync("n-2", """{"energyWh":0}""")).GetProperty("error").GetString(), StringComparison.Ordinal);

        // Said before the car arrives: it waits on the connector for the next session, which carries both (no bound: the car charges).
        var waiting = await StartAsync("n-3", $$"""{"connectorId":1,"departureAt":"{{leavesText}}","energyWh":15000}""");
        Assert.Equal("Waiting", waiting.GetProperty("result").GetProperty("status").GetString());
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null && await DrawAsync(wallbox) > 0, "the car charging in a session", Deadline);
        var budget = (await OpenSessionAsync(api))!.Value.GetProperty("budget");
        Assert.Equal((leaves, 15000m), (budget.GetProperty("departureAt").GetDateTimeOffset(), budget.GetProperty("energyWh").GetDecimal()));

        // They end with the session: the published record keeps them, the next car starts without.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        var ended = await BudgetCloud.PublishedSessionAsync(cloud, Site, s => s.GetProperty("budget").ValueKind == JsonValueKind.Object);
        Assert.Equal(15000m, ended.GetProperty("budget").GetProperty("energyWh").GetDecimal());
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null, "the next car in a session", Deadline);
        Assert.False((await OpenSessionAsync(api))!.Value.TryGetProperty("budget", out _));
    }

    // The mosquitto broker, the cloud on it, the Modbus TCP wallbox and the daemon with a logged-in client, each test's own.
    private sealed class Rig(MosquittoBroker broker, CloudObserver cloud, NodePeer wallbox, SiteDaemon daemon, HttpClient api) : IAsyncDisposable
    {
        public CloudObserver Cloud => cloud;

        public NodePeer Wallbox => wallbox;

        public HttpClient Api => api;

        public static async Task<Rig> StartAsync()
        {
            var broker = await MosquittoBroker.StartAsync();
            var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#");
            var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
            var daemon = await SiteDaemon.StartAsync(SiteJson(broker.Port, JsonDocument.Parse(wallbox.ReadyInfo).RootElement.GetProperty("port").GetInt32()));
            var rig = new Rig(broker, cloud, wallbox, daemon, await daemon.LoggedInClientAsync());
            await BudgetCloud.EdgeOnlineAsync(cloud, Site);
            return rig;
        }

        /// <summary>A <c>cmd/start-session</c> for the wallbox with these arguments; the edge's answer.</summary>
        public Task<JsonElement> StartAsync(string id, string arguments) =>
            BudgetCloud.CommandAsync(cloud, Site, "start-session", $$"""{"id":"{{id}}","chargerId":"{{Charger}}",""" + arguments.TrimStart('{'));

        public async ValueTask DisposeAsync()
        {
            api.Dispose();
            await daemon.DisposeAsync();
            await wallbox.DisposeAsync();
            await cloud.DisposeAsync();
            await broker.DisposeAsync();
        }
    }

    private static string SiteJson(int brokerPort, int modbusPort) => $$"""
        {
          "siteId": "{{Site}}",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "{{Charger}}", "protocol": "modbus", "driver": "generic-charger", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 },
                          "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50, "sessionFee": 5.00 } ] },
          "cloud": { "enabled": true, "host": "127.0.0.1", "port": {{brokerPort}}, "tls": false, "telemetryIntervalS": 1 }
        }
        """;

    private static async Task<double> DrawAsync(NodePeer wallbox) =>
        (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble();

    private static async Task<JsonElement?> OpenSessionAsync(HttpClient api) =>
        Items(await api.GetFromJsonAsync<JsonElement>("api/v1/sessions")).Where(s => s.GetProperty("stoppedAt").ValueKind == JsonValueKind.Null)
            .Select(s => (JsonElement?)s).FirstOrDefault();

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();
}
