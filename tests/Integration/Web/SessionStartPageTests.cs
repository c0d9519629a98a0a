using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Ocpp;
using ChargeNet.Integration.Tests.Peers;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Starting a session from the dashboard (docs/web.md, "Starting a session"): a Modbus wallbox takes no
/// idTag and no remote start, so its start only puts a budget on the connector — listed as its one
/// action, offered as "Budget…", and the session on it stops at that budget. Over the built daemon, a
/// Modbus TCP wallbox (npm modbus-serial, the generic-charger registers) and headless Chromium. An OCPP charger's
/// "Start…" asks a strict ocpp-rpc 1.6 charge point to start for the idTag given, with the budget kept for its session.
/// </summary>
public sealed class SessionStartPageTests
{
    private const string Row = "[...document.querySelectorAll('#chargers tr[data-charger=\"WB-1\"]')].find(r => r.cells[1].textContent === '1')";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;

    public SessionStartPageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_installer_puts_a_budget_on_a_Modbus_wallboxs_session_from_the_page_and_the_session_stops_at_it()
    {
        await using var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
        await using var daemon = await StartDaemonAsync(wallbox);
        using var api = await daemon.LoggedInClientAsync();
        var listed = (await api.GetFromJsonAsync<JsonElement>("api/v1/chargers")).EnumerateArray().Single();
        Assert.Equal(["start"], listed.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // A car charges in a session.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null && await DrawAsync(wallbox) > 0, "the car charging in a session", Deadline);

        // From the page: Budget… on the connector's row, 0.025 kWh paid by SWISH-7.
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "dashboard");
        await browser.WaitForAsync($"{Row}?.querySelector('[data-role=start]')?.textContent === 'Budget…'", "WB-1's connector 1 with its budget button");
        await browser.EvaluateAsync($"{Row}.querySelector('[data-role=start]').click()");
        await browser.WaitForAsync("document.getElementById('session-start').open", "the start dialog");
        Assert.Equal("Set budget", (await browser.EvaluateAsync("document.querySelector('#session-start [data-role=start-send]').textContent")).GetString());
        await browser.EvaluateAsync("(() => { const f = document.querySelector('#session-start form'); f.idTag.value = 'SWISH-7'; f.maxEnergyKwh.value = '0.025'; f.querySelector('[data-role=start-send]').click(); })()");
        await browser.WaitForAsync($"!document.getElementById('session-start').open && {Row}.querySelector('[data-role=start-answer]').textContent === 'start: Running'", "the edge's answer on the row");

        // The running session took the budget and stops at it: the wallbox paused, the session the payer's.
        await Poll.UntilAsync(async () => await DrawAsync(wallbox) == 0, "the wallbox paused at the budget", Deadline);
        var open = (await OpenSessionAsync(api))!.Value;
        Assert.Equal(("SWISH-7", 25m), (open.GetProperty("idTag").GetString(), open.GetProperty("budget").GetProperty("maxEnergyWh").GetDecimal()));
        Assert.True(open.GetProperty("budget").GetProperty("reachedAt").TryGetDateTimeOffset(out _));

        // A second budget on the same session is refused, and the page says why in the dialog.
        await browser.EvaluateAsync($"{Row}.querySelector('[data-role=start]').click()");
        await browser.EvaluateAsync("(() => { const f = document.querySelector('#session-start form'); f.maxEnergyKwh.value = '1'; f.querySelector('[data-role=start-send]').click(); })()");
        await browser.WaitForAsync("document.querySelector('#session-start [data-role=start-error]').textContent.includes('already has a budget')", "the refusal in the dialog");
        await browser.SaveScreenshotAsync("session-start.png", _output);
    }

    [Fact]
    public async Task The_driver_says_from_the_page_when_the_car_leaves_and_what_it_needs_and_the_session_carries_both()
    {
        await using var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
        await using var daemon = await StartDaemonAsync(wallbox);
        using var api = await daemon.LoggedInClientAsync();
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null && await DrawAsync(wallbox) > 0, "the car charging in a session", Deadline);

        // "Leaves at" three hours on (whole minutes, the browser's own zone) and "Needs kWh" 12.5, nothing else.
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "dashboard");
        await browser.WaitForAsync($"{Row}?.querySelector('[data-role=start]')?.textContent === 'Budget…'", "WB-1's connector 1 with its budget button");
        await browser.EvaluateAsync($"{Row}.querySelector('[data-role=start]').click()");
        await browser.WaitForAsync("document.getElementById('session-start').open", "the start dialog");
        var leaves = (await browser.EvaluateAsync("""
            (() => {
              const at = new Date(Date.now() + 3 * 3600e3); at.setSeconds(0, 0);
              const p = (n) => String(n).padStart(2, '0');
              const f = document.querySelector('#session-start form');
              f.leavesAt.value = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}`;
              f.needsKwh.value = '12.5';
              f.querySelector('[data-role=start-send]').click();
              return at.toISOString();
            })()
            """)).GetString();
        await browser.WaitForAsync($"!document.getElementById('session-start').open && {Row}.querySelector('[data-role=start-answer]').textContent === 'start: Running'", "the edge's answer on the row");

        // On the session, as the REST API shows it: the same instant, the need in Wh, and no bound on the session.
        var budget = (await OpenSessionAsync(api))!.Value.GetProperty("budget");
        Assert.Equal(DateTimeOffset.Parse(leaves!, System.Globalization.CultureInfo.InvariantCulture), budget.GetProperty("departureAt").GetDateTimeOffset());
        Assert.Equal(12500m, budget.GetProperty("energyWh").GetDecimal());
        Assert.Equal(JsonValueKind.Null, budget.GetProperty("maxEnergyWh").ValueKind);
        // A need is no budget: the car goes on charging (polled: the wallbox reports its draw with its own delay).
        await Poll.UntilAsync(async () => await DrawAsync(wallbox) > 0, "the car still charging with a need and no budget", Deadline);
    }

    [Fact]
    public async Task The_installer_starts_a_session_on_an_OCPP_charger_from_the_page_which_asks_the_charge_point_to_start_for_the_idTag_and_sees_its_running_cost()
    {
        await using var daemon = await SiteDaemon.StartAsync("""
            {
              "siteId": "start-page-ocpp",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "CP-9", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ],
              "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                           "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50 } ] }
            }
            """);
        await using var charger = await daemon.BootedChargerAsync("CP-9");
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Preparing"));
        const string OcppRow = "[...document.querySelectorAll('#chargers tr[data-charger=\"CP-9\"]')].find(r => r.cells[1].textContent === '1')";

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "dashboard");
        await browser.WaitForAsync($"{OcppRow}?.querySelector('[data-role=start]')?.textContent === 'Start…'", "CP-9's connector 1 with its start button");
        await browser.EvaluateAsync($"{OcppRow}.querySelector('[data-role=start]').click()");
        await browser.WaitForAsync("document.getElementById('session-start').open", "the start dialog");
        Assert.Equal(("Start a session on CP-9 1", "Start"), (
            (await browser.EvaluateAsync("document.querySelector('#session-start h3').textContent")).GetString(),
            (await browser.EvaluateAsync("document.querySelector('#session-start [data-role=start-send]').textContent")).GetString()));

        // Without an idTag the form does not go: an OCPP start needs one.
        Assert.True((await browser.EvaluateAsync("(() => { const f = document.querySelector('#session-start form'); f.querySelector('[data-role=start-send]').click(); return f.idTag.validity.valueMissing && document.getElementById('session-start').open; })()")).GetBoolean());

        // DRIVER-9 with 5 kWh paid for: RemoteStartTransaction reaches the charge point (strict ocpp-rpc checks it), the row has the answer.
        var remoteStart = charger.ExpectIncomingCall("RemoteStartTransaction");
        await browser.EvaluateAsync("(() => { const f = document.querySelector('#session-start form'); f.idTag.value = 'DRIVER-9'; f.maxEnergyKwh.value = '5'; f.querySelector('[data-role=start-send]').click(); })()");
        var request = await OcppPeer.WaitForIncomingCallAsync(remoteStart);
        Assert.Equal(("DRIVER-9", 1), (request.GetProperty("idTag").GetString(), request.GetProperty("connectorId").GetInt32()));
        await browser.WaitForAsync($"!document.getElementById('session-start').open && {OcppRow}.querySelector('[data-role=start-answer]').textContent === 'start: Accepted'", "the charger's answer on the row");
        Assert.Single(charger.Output.Split('\n'), l => l.StartsWith("INCALL a RemoteStartTransaction ", StringComparison.Ordinal)); // the empty form went nowhere

        // The charge point starts as asked: the session is DRIVER-9's and carries the budget given on the page.
        var startedAt = DateTimeOffset.UtcNow;
        await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "DRIVER-9", 1000, OcppPayloads.Iso(startedAt)));
        using var api = await daemon.LoggedInClientAsync();
        await Poll.UntilAsync(async () => await OpenSessionAsync(api) is not null, "the session on CP-9", Deadline);
        var open = (await OpenSessionAsync(api))!.Value;
        Assert.Equal(("CP-9", "DRIVER-9", 5000m), (open.GetProperty("chargerId").GetString(), open.GetProperty("idTag").GetString(), open.GetProperty("budget").GetProperty("maxEnergyWh").GetDecimal()));

        // Its running cost on the connector's row: 2 kWh × 4.50 = 9.00 after a reading at 3,000 Wh.
        var transactionId = open.GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(1), 3000));
        await browser.WaitForAsync($"{OcppRow}.querySelector('td.cost').textContent === '9.00 SEK'", "the running cost on the row");
        await browser.SaveScreenshotAsync("session-start-ocpp.png", _output);
    }

    private static Task<SiteDaemon> StartDaemonAsync(NodePeer wallbox)
    {
        var modbusPort = JsonDocument.Parse(wallbox.ReadyInfo).RootElement.GetProperty("port").GetInt32();
        return SiteDaemon.StartAsync($$"""
            {
              "siteId": "start-page",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "WB-1", "protocol": "modbus", "driver": "generic-charger", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 },
                              "circuit": "main", "maxCurrentA": 16 } ]
            }
            """);
    }

    private static async Task<double> DrawAsync(NodePeer wallbox) =>
        (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble();

    private static async Task<JsonElement?> OpenSessionAsync(HttpClient api)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("api/v1/sessions");
        var items = page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();
        return items.Where(s => s.GetProperty("stoppedAt").ValueKind == JsonValueKind.Null).Select(s => (JsonElement?)s).FirstOrDefault();
    }
}
