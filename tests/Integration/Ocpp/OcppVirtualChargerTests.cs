using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Peers;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Virtual chargers": the built daemon drives a Modbus wallbox (npm modbus-serial,
/// the generic-charger registers) and presents it to a strict ocpp-rpc central system as an OCPP 1.6
/// charge point: boot, status, a session's Start/StopTransaction with meter values from the
/// wallbox's own energy register, the central system's transaction id, and honest answers to its calls.
/// </summary>
public sealed class OcppVirtualChargerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_Modbus_wallbox_appears_upstream_as_an_OCPP_charge_point_with_its_sessions_and_meter_values()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await using var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
        await csms.SetReplyAsync("BootNotification", new JsonObject { ["status"] = "Accepted", ["currentTime"] = "2026-12-02T08:00:00Z", ["interval"] = 2 });
        var connected = csms.WaitConnectedAsync("OP-WB-1");
        await using var daemon = await StartSiteAsync(csms, wallbox);
        var seen = await connected;
        Assert.Equal(("ocpp1.6", "csms-password-wb1"), (seen.GetProperty("protocol").GetString(), seen.GetProperty("password").GetString()));

        // Boot with the template's manufacturer and model (cut to the 20 characters 1.6 allows), then the connector's status.
        var boot = await UntilCallAsync(csms, "BootNotification");
        Assert.Equal(("Generic", "Generic single-conne"), (boot.GetProperty("chargePointVendor").GetString(), boot.GetProperty("chargePointModel").GetString()));
        Assert.Equal("Available", (await UntilCallAsync(csms, "StatusNotification")).GetProperty("status").GetString());

        // A car: the session starts upstream with the register as meterStart, and meter values carry the central system's id.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        var start = await UntilCallAsync(csms, "StartTransaction");
        Assert.Equal(("WB-1", 1), (start.GetProperty("idTag").GetString(), start.GetProperty("connectorId").GetInt32()));
        var meterStart = start.GetProperty("meterStart").GetInt32();
        Assert.InRange(meterStart, 50000, 50100);
        await UntilCallAsync(csms, "StatusNotification", p => p.GetProperty("status").GetString() == "Charging");
        var meter = await UntilCallAsync(csms, "MeterValues");
        Assert.Equal(5000, meter.GetProperty("transactionId").GetInt32());
        var samples = meter.GetProperty("meterValue")[0].GetProperty("sampledValue").EnumerateArray().ToList();
        var register = double.Parse(samples.Single(s => s.GetProperty("measurand").GetString() == "Energy.Active.Import.Register").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(register > meterStart, $"the register {register} rose above meterStart {meterStart}");
        Assert.Contains(samples, s => s.GetProperty("measurand").GetString() == "Current.Import" && s.GetProperty("phase").GetString() == "L1");

        // The central system's calls: a remote start is refused (the wallbox starts when a car is plugged in),
        // a remote stop pauses it and ends the transaction upstream now; the session ends at the edge when the car leaves.
        var remoteStart = await csms.CallAsync("OP-WB-1", "RemoteStartTransaction", new JsonObject { ["idTag"] = "TAG-R", ["connectorId"] = 1 });
        Assert.Equal("Rejected", remoteStart.GetProperty("payload").GetProperty("status").GetString());
        var configuration = await csms.CallAsync("OP-WB-1", "GetConfiguration", new JsonObject());
        Assert.Equal(0, configuration.GetProperty("payload").GetProperty("configurationKey").GetArrayLength());
        var remoteStop = await csms.CallAsync("OP-WB-1", "RemoteStopTransaction", new JsonObject { ["transactionId"] = 5000 });
        Assert.Equal("Accepted", remoteStop.GetProperty("payload").GetProperty("status").GetString());
        var stop = await UntilCallAsync(csms, "StopTransaction");
        Assert.Equal((5000, "Remote"), (stop.GetProperty("transactionId").GetInt32(), stop.GetProperty("reason").GetString()));
        Assert.True(stop.GetProperty("meterStop").GetInt32() >= register);
        await Poll.UntilAsync(async () => (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble() == 0, "the wallbox paused");
        using var api = await daemon.LoggedInClientAsync();
        var pause = (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("manualLimits").EnumerateArray().Single();
        Assert.Equal(("WB-1", 0.0), (pause.GetProperty("chargerId").GetString(), pause.GetProperty("maxCurrentA").GetDouble()));

        // The car leaves: no second stop, the connector available again upstream, the pause lifted for the next car.
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        await OcppCoreMessagesTests.WaitUntilAsync(
            () => csms.CallsOf("OP-WB-1").Last(c => c.Action == "StatusNotification").Payload.GetProperty("status").GetString() == "Available",
            "the connector available again upstream");
        await Poll.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("manualLimits").GetArrayLength() == 0, "the remote stop's pause lifted");
        var calls = csms.CallsOf("OP-WB-1");
        Assert.Equal(1, calls.Count(c => c.Action == "StopTransaction"));
        Assert.DoesNotContain(calls.SkipWhile(c => c.Action != "StopTransaction"), c => c.Action == "MeterValues");

        // Heartbeats at the interval the central system gave; every message was valid to it, went once, and the link shows in the status.
        await UntilCallAsync(csms, "Heartbeat");
        Assert.Equal(calls.Count, calls.Select(c => c.MessageId).Distinct().Count());
        Assert.Equal(1, calls.Count(c => c.Action == "StartTransaction"));
        var events = await api.GetFromJsonAsync<JsonElement>("api/v1/events?limit=200");
        Assert.DoesNotContain(events.EnumerateArray(), e => e.GetProperty("code").GetString() == "upstream.refused");
        var status = await api.GetFromJsonAsync<JsonElement>("api/v1/status");
        var upstream = status.GetProperty("chargers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "WB-1").GetProperty("upstream");
        Assert.True(upstream.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task A_remote_stop_pauses_a_wallbox_whose_template_pauses_by_a_write_and_not_at_0_A()
    {
        // generic-charger with zeroPauses false: the driver pauses by writing chargingEnabled 0 (register 14 of
        // the peer), as a Phoenix Contact controller does; the remote stop must pause it all the same.
        var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BuiltArtifacts.RepositoryRoot, "src", "Drivers", "Templates", "BuiltIn", "generic-charger.json")))!;
        template["id"] = "switched-charger";
        template["registers"]!["chargingEnabled"] = new JsonObject { ["address"] = 14, ["type"] = "u16" };
        template["charger"]!["currentLimit"]!["zeroPauses"] = false;
        template["charger"]!["pause"] = new JsonObject { ["register"] = "chargingEnabled", ["value"] = 0 };
        template["charger"]!["resume"] = new JsonObject { ["register"] = "chargingEnabled", ["value"] = 1 };
        await using var csms = await CsmsPeer.StartAsync();
        await using var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
        await csms.SetReplyAsync("BootNotification", new JsonObject { ["status"] = "Accepted", ["currentTime"] = "2026-12-02T08:00:00Z", ["interval"] = 2 });
        await using var daemon = await StartSiteAsync(csms, wallbox, "switched-charger", dataDir =>
        {
            Directory.CreateDirectory(Path.Combine(dataDir, "device-templates"));
            File.WriteAllText(Path.Combine(dataDir, "device-templates", "switched-charger.json"), template.ToJsonString());
        });

        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await UntilCallAsync(csms, "StartTransaction");
        await Poll.UntilAsync(async () => (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble() > 0, "the car charging");
        var remoteStop = await csms.CallAsync("OP-WB-1", "RemoteStopTransaction", new JsonObject { ["transactionId"] = 5000 });
        Assert.Equal("Accepted", remoteStop.GetProperty("payload").GetProperty("status").GetString());
        Assert.Equal("Remote", (await UntilCallAsync(csms, "StopTransaction")).GetProperty("reason").GetString());
        await Poll.UntilAsync(
            async () => (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)) is var box && box.GetProperty("enabled").GetInt32() == 0 && box.GetProperty("drawA").GetDouble() == 0,
            "the wallbox paused by its chargingEnabled write");

        // The car leaves: the pause is lifted, and the next car charges (the driver writes chargingEnabled 1 again).
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        using var api = await daemon.LoggedInClientAsync();
        await Poll.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("manualLimits").GetArrayLength() == 0, "the remote stop's pause lifted");
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await Poll.UntilAsync(async () => (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble() > 0, "the next car charging");
    }

    /// <summary>
    /// The built daemon on a site whose Modbus wallbox WB-1 (<paramref name="wallbox"/>, template <paramref name="driver"/>)
    /// appears to <paramref name="csms"/> as OP-WB-1; <paramref name="prepare"/> may put files in the data directory first.
    /// </summary>
    internal static Task<SiteDaemon> StartSiteAsync(CsmsPeer csms, NodePeer wallbox, string driver = "generic-charger", Action<string>? prepare = null)
    {
        var modbusPort = JsonDocument.Parse(wallbox.ReadyInfo).RootElement.GetProperty("port").GetInt32();
        return SiteDaemon.StartAsync($$"""
            {
              "siteId": "virtual-charger",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "ocpp": { "upstream": { "url": "{{csms.BaseUrl}}", "virtualChargers": ["WB-1"] } },
              "chargers": [
                { "id": "WB-1", "protocol": "modbus", "driver": "{{driver}}", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 },
                  "circuit": "main", "maxCurrentA": 16, "upstreamId": "OP-WB-1", "upstreamPassword": "csms-password-wb1" }
              ]
            }
            """, prepare);
    }

    /// <summary>Polls until the virtual charger made a call of <paramref name="action"/> (that meets <paramref name="where"/>), after its first <paramref name="skip"/> calls; gives its payload.</summary>
    internal static async Task<JsonElement> UntilCallAsync(CsmsPeer csms, string action, Func<JsonElement, bool>? where = null, int skip = 0)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var found = csms.CallsOf("OP-WB-1").Skip(skip).Where(c => c.Action == action && (where is null || where(c.Payload))).Select(c => c.Payload).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {action} upstream in time:\n{csms.Output}");
            await Task.Delay(50);
        }
    }
}
