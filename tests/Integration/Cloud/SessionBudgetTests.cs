using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Ocpp;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// Budgets (docs/pricing.md, "Budgets"; contract §7.4) over the built daemon, a strict ocpp-rpc charge
/// point and the cloud on a real mosquitto: a session started by <c>cmd/start-session</c> with
/// <c>maxEnergyWh</c>, or admitted by an <c>authorize-result</c> with <c>maxCost</c>, is stopped by the
/// edge (RemoteStopTransaction) once its energy or running cost reaches the budget, and is recorded
/// with <c>stopReason</c> <c>BudgetReached</c> in REST, the CSV export and on MQTT, whatever reason the
/// charger gave. The budget is stored with the session: a hard-killed and restarted edge still enforces it.
/// </summary>
public sealed class SessionBudgetTests
{
    private const string Site = "budget-site";
    private const string Charger = "BUDGET-1";

    // 4.50 SEK/kWh and a 5.00 fee, 25 % VAT: nothing in it depends on the clock.
    private static string SiteJson(int brokerPort, string authorization, string protocol = "ocpp1.6") => $$"""
        {
          "siteId": "{{Site}}",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "{{Charger}}", "protocol": "{{protocol}}", "circuit": "main", "maxCurrentA": 16 } ],
          "pricing": { "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
                       "tariffs": [ { "id": "public", "name": "Public", "energyPerKwh": 4.50, "sessionFee": 5.00 } ] },
          "authorization": {{authorization}},
          "cloud": { "enabled": true, "host": "127.0.0.1", "port": {{brokerPort}}, "tls": false, "telemetryIntervalS": 1 }
        }
        """;

    [Fact]
    public async Task A_session_started_over_MQTT_with_maxEnergyWh_is_stopped_by_the_edge_when_its_energy_reaches_it_also_after_a_hard_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#");
        await using var first = await SiteDaemon.StartAsync(SiteJson(broker.Port, """{ "mode": "local" }"""));
        await using var charger = await ConnectedChargerAsync(first);
        await EdgeOnlineAsync(cloud);

        // A wrong budget is refused, naming it, and nothing reaches the charger.
        var refused = await CommandAsync(cloud, "start-session", $$"""{"id":"b-0","chargerId":"{{Charger}}","idTag":"TAG-PAY","maxEnergyWh":-1}""");
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Contains("'maxEnergyWh'", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        using (var rest = await first.LoggedInClientAsync())
        using (var response = await rest.PostAsJsonAsync($"api/v1/chargers/{Charger}/start", new { idTag = "TAG-PAY", maxCost = 1.005m }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode); // the REST door, the same rule
            Assert.Contains("'maxCost'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var remoteStart = charger.ExpectIncomingCall("RemoteStartTransaction");
        var started = await CommandAsync(cloud, "start-session", $$"""{"id":"b-1","chargerId":"{{Charger}}","connectorId":1,"idTag":"TAG-PAY","maxEnergyWh":3000}""");
        Assert.True(started.GetProperty("ok").GetBoolean(), started.ToString());
        Assert.Equal("TAG-PAY", (await OcppPeer.WaitForIncomingCallAsync(remoteStart)).GetProperty("idTag").GetString());

        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var transactionId = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-PAY", 1000, OcppPayloads.Iso(startedAt)))).GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(2), 2500)); // 1500 Wh: under the budget

        // The edge dies mid-session; the budget was stored with the session.
        await using var second = await first.RestartAsync();
        await using var again = await ConnectedChargerAsync(second);
        var remoteStop = again.ExpectIncomingCall("RemoteStopTransaction");
        await again.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(4), 4200)); // 3200 Wh ≥ 3000
        Assert.Equal(transactionId, (await OcppPeer.WaitForIncomingCallAsync(remoteStop)).GetProperty("transactionId").GetInt32());
        await again.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 4300, OcppPayloads.Iso(startedAt.AddMinutes(5)), "Remote"));

        using var api = await second.LoggedInClientAsync();
        var session = (await api.GetFromJsonAsync<JsonElement>("api/v1/sessions")).EnumerateArray().Single(s => s.GetProperty("transactionId").GetInt32() == transactionId);
        Assert.Equal("BudgetReached", session.GetProperty("stopReason").GetString());
        Assert.Equal(3300, session.GetProperty("energyWh").GetDouble());
        var budget = session.GetProperty("budget");
        Assert.Equal((JsonValueKind.Null, 3000m), (budget.GetProperty("maxCost").ValueKind, budget.GetProperty("maxEnergyWh").GetDecimal()));
        Assert.True(budget.GetProperty("reachedAt").TryGetDateTimeOffset(out _));

        var csv = (await api.GetStringAsync("api/v1/sessions/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var line = csv.Skip(1).Select(l => l.Split(',')).Single(f => f[Array.IndexOf(header, "transactionId")] == $"{transactionId}");
        Assert.Equal("BudgetReached", line[Array.IndexOf(header, "stopReason")]);

        var published = await PublishedSessionAsync(cloud, transactionId);
        Assert.Equal(("BudgetReached", 3000m), (published.GetProperty("stopReason").GetString(), published.GetProperty("budget").GetProperty("maxEnergyWh").GetDecimal()));

        var events = await api.GetFromJsonAsync<JsonElement>("api/v1/events");
        Assert.Contains(Items(events), e => e.GetProperty("code").GetString() == "session.budget.reached" && e.GetProperty("source").GetString() == Charger);
    }

    [Fact]
    public async Task A_session_the_cloud_admits_with_maxCost_is_stopped_when_its_running_cost_reaches_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#");
        await using var daemon = await SiteDaemon.StartAsync(SiteJson(broker.Port, """{ "mode": "cloud", "cloudTimeoutS": 10, "offline": "reject" }"""));
        await using var charger = await ConnectedChargerAsync(daemon);
        await EdgeOnlineAsync(cloud);

        var authorize = charger.CallOkAsync("Authorize", new { idTag = "TAG-CARD" });
        var request = (await cloud.WaitForAsync(m => m.Any(x => x.Topic == $"chargenet/v1/{Site}/authorize"), TimeSpan.FromSeconds(30), "the authorize request"))
            .Single(x => x.Topic == $"chargenet/v1/{Site}/authorize");
        await cloud.PublishAsync(request.ResponseTopic!, $$"""{"id":"{{request.Json.GetProperty("id").GetString()}}","status":"Accepted","maxCost":10.00}""", correlation: request.CorrelationData);
        Assert.Equal("Accepted", (await authorize).GetProperty("idTagInfo").GetProperty("status").GetString());

        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var transactionId = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-CARD", 0, OcppPayloads.Iso(startedAt)))).GetProperty("transactionId").GetInt32();
        var remoteStop = charger.ExpectIncomingCall("RemoteStopTransaction");
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(2), 1000)); // 1 kWh × 4.50 + 5.00 = 9.50
        await charger.CallOkAsync("MeterValues", OcppPayloads.EnergyAt(transactionId, startedAt.AddMinutes(3), 1200)); // 5.40 + 5.00 = 10.40 ≥ 10.00
        Assert.Equal(transactionId, (await OcppPeer.WaitForIncomingCallAsync(remoteStop)).GetProperty("transactionId").GetInt32());
        Assert.Single(charger.Output.Split('\n'), l => l.Contains("INCALL a RemoteStopTransaction", StringComparison.Ordinal)); // not at 9.50
        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 1250, OcppPayloads.Iso(startedAt.AddMinutes(4)), "EVDisconnected"));

        // 1.25 kWh × 4.50 = 5.625 → 5.63, + 5.00 = 10.63: the figures are the session's, not clipped to the budget.
        var published = await PublishedSessionAsync(cloud, transactionId);
        Assert.Equal(("BudgetReached", 10.63m, 10.00m), (published.GetProperty("stopReason").GetString(),
            published.GetProperty("cost").GetProperty("total").GetDecimal(), published.GetProperty("budget").GetProperty("maxCost").GetDecimal()));
    }

    [Fact]
    public async Task A_session_on_an_OCPP_2_0_1_station_started_over_MQTT_with_maxEnergyWh_is_stopped_with_RequestStopTransaction_as_BudgetReached()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/#");
        await using var daemon = await SiteDaemon.StartAsync(SiteJson(broker.Port, """{ "mode": "local" }""", "ocpp2.0.1"));
        await using var station = await OcppPeer.StartAsync();
        await station.SetReplyAsync("RequestStartTransaction", new { status = "Accepted" });
        await station.SetReplyAsync("RequestStopTransaction", new { status = "Accepted" });
        Assert.True((await station.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", Charger, protocols: Ocpp201Payloads.Protocols)).GetProperty("ok").GetBoolean());
        await station.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        await EdgeOnlineAsync(cloud);

        var requestStart = station.ExpectIncomingCall("RequestStartTransaction");
        var started = await CommandAsync(cloud, "start-session", $$"""{"id":"b201-1","chargerId":"{{Charger}}","connectorId":1,"idTag":"TAG-PAY","maxEnergyWh":3000}""");
        Assert.True(started.GetProperty("ok").GetBoolean(), started.ToString());
        var asked = await OcppPeer.WaitForIncomingCallAsync(requestStart);
        Assert.Equal(("TAG-PAY", 1), (asked.GetProperty("idToken").GetProperty("idToken").GetString(), asked.GetProperty("evseId").GetInt32()));

        const string transactionId = "tx-budget-201";
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        string At(int minutes) => OcppPayloads.Iso(startedAt.AddMinutes(minutes));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, transactionId, At(0), "RemoteStart",
            [Ocpp201Payloads.Energy(At(0), 1000)], chargingState: "Charging", idToken: "TAG-PAY"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, transactionId, At(2), "MeterValuePeriodic",
            [Ocpp201Payloads.Energy(At(2), 2500)])); // 1500 Wh: under the budget
        var requestStop = station.ExpectIncomingCall("RequestStopTransaction");
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 2, transactionId, At(4), "MeterValuePeriodic",
            [Ocpp201Payloads.Energy(At(4), 4200)])); // 3200 Wh ≥ 3000
        Assert.Equal(transactionId, (await OcppPeer.WaitForIncomingCallAsync(requestStop)).GetProperty("transactionId").GetString());
        Assert.Single(station.Output.Split('\n'), l => l.Contains("INCALL a RequestStopTransaction", StringComparison.Ordinal)); // not at 1500 Wh
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 3, transactionId, At(5), "RemoteStop",
            [Ocpp201Payloads.Energy(At(5), 4300)], stoppedReason: "Remote"));

        using var api = await daemon.LoggedInClientAsync();
        async Task<JsonElement?> StoppedAsync() => (await api.GetFromJsonAsync<JsonElement>("api/v1/sessions")).EnumerateArray()
            .Where(s => s.GetProperty("transactionId").ToString() == transactionId && s.TryGetProperty("stopReason", out var r) && r.ValueKind == JsonValueKind.String)
            .Select(s => (JsonElement?)s).FirstOrDefault();
        await Poll.UntilAsync(async () => await StoppedAsync() is not null, "the session stopped in REST");
        var session = (await StoppedAsync())!.Value;
        Assert.Equal(("BudgetReached", 3300d), (session.GetProperty("stopReason").GetString(), session.GetProperty("energyWh").GetDouble()));
        Assert.Equal(3000m, session.GetProperty("budget").GetProperty("maxEnergyWh").GetDecimal());

        bool Published(CloudObserver.Received x) => x.Topic == $"chargenet/v1/{Site}/sessions" && x.Json.GetProperty("transactionId").ToString() == transactionId
            && x.Json.TryGetProperty("stopReason", out var r) && r.ValueKind == JsonValueKind.String;
        var published = (await cloud.WaitForAsync(m => m.Any(Published), TimeSpan.FromSeconds(30), "the session on MQTT")).First(Published).Json;
        Assert.Equal("BudgetReached", published.GetProperty("stopReason").GetString());
    }

    private static Task<IReadOnlyList<CloudObserver.Received>> EdgeOnlineAsync(CloudObserver cloud) => BudgetCloud.EdgeOnlineAsync(cloud, Site);

    private static Task<OcppPeer> ConnectedChargerAsync(SiteDaemon daemon) => daemon.BootedChargerAsync(Charger);

    private static Task<JsonElement> CommandAsync(CloudObserver cloud, string command, string payload) => BudgetCloud.CommandAsync(cloud, Site, command, payload);

    private static Task<JsonElement> PublishedSessionAsync(CloudObserver cloud, int transactionId) =>
        BudgetCloud.PublishedSessionAsync(cloud, Site, s => s.GetProperty("transactionId").GetInt32() == transactionId);

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();
}
