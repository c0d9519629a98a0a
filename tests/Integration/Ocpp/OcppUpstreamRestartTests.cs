using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Peers;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Limits" and "Virtual chargers": what the upstream set stays in force across a
/// restart of the edge — the built daemon on a real store file, killed hard and started again on it,
/// with a strict ocpp-rpc central system upstream.
/// </summary>
public sealed class OcppUpstreamRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_upstreams_charging_profile_stays_in_force_across_a_restart_of_the_edge()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await using var daemon = await SiteDaemon.StartAsync($$"""
            {
              "siteId": "upstream-restart",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "ocpp": { "upstream": { "url": "{{csms.BaseUrl}}" } },
              "chargers": [ { "id": "RST-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 32, "upstreamPassword": "csms-password-rst" } ]
            }
            """);
        await using var charger = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("RST-1");
        await charger.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "RST-1", client: "a");
        await connected;
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
        var since = DateTime.UtcNow;
        var transaction = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-P", 1000, OcppPayloads.Iso(DateTimeOffset.UtcNow)), "a")).GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"), "a"); // a car plugged in and charging: the edge gives it current

        // The edge alone gives the charging car more than 10 A; the upstream's 10 A then caps it.
        await UntilLimitAsync(charger, "a", transaction, since, limit => limit > 10, "the edge's own limit above 10 A");
        var set = await csms.CallAsync("RST-1", "SetChargingProfile", TxDefault(10));
        Assert.Equal("Accepted", set.GetProperty("payload").GetProperty("status").GetString());
        await UntilLimitAsync(charger, "a", transaction, since, limit => limit == 10, "the upstream's 10 A");

        // A power cut of the edge: it comes back on the same store and the charger reconnects, still charging.
        var reconnected = csms.WaitConnectedAsync("RST-1");
        await using var restarted = await daemon.RestartAsync();
        await charger.ConnectAsync($"ws://{restarted.Ocpp.Authority}/ocpp", "RST-1", client: "b");
        await reconnected;
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot, "b");
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"), "b");
        await UntilLimitAsync(charger, "b", transaction, since, limit => limit == 10, "the upstream's 10 A again after the restart");
        Assert.All(LimitsSent(charger, "b"), limit => Assert.True(limit <= 10, $"after the restart the charger got {limit} A, above the upstream's 10 A"));

        // The upstream reads its limit back in the combined schedule, and clearing it frees the charger again.
        var composite = await csms.CallAsync("RST-1", "GetCompositeSchedule", new JsonObject { ["connectorId"] = 1, ["duration"] = 600 });
        Assert.Equal(10m, composite.GetProperty("payload").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());
        var cleared = await csms.CallAsync("RST-1", "ClearChargingProfile", new JsonObject { ["id"] = 78 });
        Assert.Equal("Accepted", cleared.GetProperty("payload").GetProperty("status").GetString());
        await UntilLimitAsync(charger, "b", transaction, since, limit => limit > 10, "the edge's own limit once the upstream cleared its profile");
    }

    [Fact]
    public async Task A_remote_stop_of_a_virtual_chargers_session_holds_across_a_restart_of_the_edge()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await using var wallbox = await NodePeer.StartAsync("modbus/wallbox.js", [JsonSerializer.Serialize(new { carMaxA = 16, energyWh = 50000 })]);
        await using var daemon = await OcppVirtualChargerTests.StartSiteAsync(csms, wallbox);
        await wallbox.CommandAsync(new JsonObject { ["op"] = "plug" }, Deadline);
        await OcppVirtualChargerTests.UntilCallAsync(csms, "MeterValues");
        var remoteStop = await csms.CallAsync("OP-WB-1", "RemoteStopTransaction", new JsonObject { ["transactionId"] = 5000 });
        Assert.Equal("Accepted", remoteStop.GetProperty("payload").GetProperty("status").GetString());
        await OcppVirtualChargerTests.UntilCallAsync(csms, "StopTransaction");
        await Poll.UntilAsync(async () => (await wallbox.CommandAsync(new JsonObject { ["op"] = "state" }, Deadline)).GetProperty("drawA").GetDouble() == 0, "the wallbox paused");

        // The edge restarts with the session still open (the car is still there): it boots the virtual
        // charger again and reports the connector, but the stopped transaction gets no more meter values.
        var before = csms.CallsOf("OP-WB-1").Count;
        await using var restarted = await daemon.RestartAsync();
        await OcppVirtualChargerTests.UntilCallAsync(csms, "StatusNotification", skip: before);
        await wallbox.CommandAsync(new JsonObject { ["op"] = "unplug" }, Deadline);
        await OcppVirtualChargerTests.UntilCallAsync(csms, "StatusNotification", p => p.GetProperty("status").GetString() == "Available", skip: before);
        var calls = csms.CallsOf("OP-WB-1");
        Assert.Contains(calls.Skip(before), c => c.Action == "BootNotification");
        Assert.Equal(1, calls.Count(c => c.Action == "StopTransaction"));
        Assert.DoesNotContain(calls.SkipWhile(c => c.Action != "StopTransaction"), c => c.Action == "MeterValues");
    }

    private static JsonObject TxDefault(double limitA) => new()
    {
        ["connectorId"] = 1,
        ["csChargingProfiles"] = new JsonObject
        {
            ["chargingProfileId"] = 78, ["stackLevel"] = 2, ["chargingProfilePurpose"] = "TxDefaultProfile", ["chargingProfileKind"] = "Absolute",
            ["chargingSchedule"] = new JsonObject
            {
                ["startSchedule"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["chargingRateUnit"] = "A",
                ["chargingSchedulePeriod"] = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = limitA }),
            },
        },
    };

    /// <summary>
    /// Sends the charger's meter values (16 A per phase, a car that takes what it gets; the register
    /// rising as 11 kW would make it since <paramref name="since"/>) about every second until the limit
    /// it last got meets <paramref name="condition"/>.
    /// </summary>
    private static async Task UntilLimitAsync(OcppPeer charger, string client, int transaction, DateTime since, Func<decimal, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (LimitsSent(charger, client) is not [.., var last] || !condition(last))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} in time; the charger got {string.Join(", ", LimitsSent(charger, client))}");
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 1000 + (int)((DateTime.UtcNow - since).TotalSeconds * 3)), client);
            await Task.Delay(1000);
        }
    }

    /// <summary>The highest limit of each SetChargingProfile the client got, in order.</summary>
    private static List<decimal> LimitsSent(OcppPeer charger, string client) =>
        [.. charger.Output.Split('\n')
            .Where(l => l.StartsWith($"INCALL {client} SetChargingProfile ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[$"INCALL {client} SetChargingProfile ".Length..]).RootElement)
            .Select(p => p.GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod").EnumerateArray().Max(x => x.GetProperty("limit").GetDecimal()))];
}
