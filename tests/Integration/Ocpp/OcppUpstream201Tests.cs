using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Web.Api;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md: the relay built once on the version seam serves an OCPP 2.0.1 station — a strict
/// ocpp-rpc 2.0.1 station at the edge, relayed to a strict ocpp-rpc central system that agrees to 2.0.1:
/// the station's messages go up, the central system's calls reach the station, and its charging
/// profiles are kept at the edge under the site's limits.
/// </summary>
public sealed class OcppUpstream201Tests
{
    [Fact]
    public async Task A_201_stations_boot_statuses_and_transaction_events_go_up_as_it_sent_them_with_heartbeats_at_the_upstreams_interval()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await csms.SetReplyAsync("BootNotification", new JsonObject { ["status"] = "Accepted", ["currentTime"] = "2026-12-02T08:00:00Z", ["interval"] = 1 });
        await using var host = await OcppTestHost.StartAsync(relay: OcppUpstreamRelayTests.Relay());
        host.Registry.Add("RELAY-201", version: OcppVersion.V201, upstream: OcppUpstreamRelayTests.Target(csms, "OP-201"));
        await using var station = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("OP-201");
        await station.ConnectAsync(host.BaseUrl, "RELAY-201", protocols: Ocpp201Payloads.Protocols);
        Assert.Equal("ocpp2.0.1", (await connected).GetProperty("protocol").GetString());

        // The station gets the edge's answers (its heartbeat interval, not the upstream's 1 s).
        var boot = await station.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        Assert.Equal(("Accepted", 300), (boot.GetProperty("status").GetString(), boot.GetProperty("interval").GetInt32()));
        await station.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-201-1", "2026-12-02T08:00:05Z", "Authorized", idToken: "TAG-201"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, "TX-201-1", "2026-12-02T08:05:00Z", "MeterValuePeriodic",
            meterValue: [Ocpp201Payloads.Currents("2026-12-02T08:05:00Z", 16, 16, 16, 1.2)], chargingState: "Charging"));
        await station.CallOkAsync("Heartbeat", new { });
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 2, "TX-201-1", "2026-12-02T09:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected"));

        // Upstream: in order, as the station sent them (its transaction id, sequence numbers and timestamps),
        // and the link's own Heartbeats at the 1 s the upstream asked for.
        await OcppCoreMessagesTests.WaitUntilAsync(() => csms.CallsOf("OP-201").Count(c => c.Action == "Heartbeat") >= 2 && csms.CallsOf("OP-201").Count(c => c.Action == "TransactionEvent") == 3,
            "three transaction events and two heartbeats upstream");
        var calls = csms.CallsOf("OP-201").Where(c => c.Action != "Heartbeat").ToList();
        Assert.Equal(["BootNotification", "StatusNotification", "TransactionEvent", "TransactionEvent", "TransactionEvent"], calls.Select(c => c.Action));
        var events = calls.Skip(2).Select(c => c.Payload).ToList();
        Assert.Equal(["Started", "Updated", "Ended"], events.Select(e => e.GetProperty("eventType").GetString()));
        Assert.All(events, e => Assert.Equal("TX-201-1", e.GetProperty("transactionInfo").GetProperty("transactionId").GetString()));
        Assert.Equal([0, 1, 2], events.Select(e => e.GetProperty("seqNo").GetInt32()));
        Assert.Equal("2026-12-02T09:00:00Z", events[2].GetProperty("timestamp").GetString());
        Assert.Equal(calls.Count, calls.Select(c => c.MessageId).Distinct().Count());
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "upstream.refused");
    }

    [Fact]
    public async Task The_central_systems_calls_reach_the_201_station_as_they_are_and_its_answers_go_back()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await using var relayed = await Relayed201.StartAsync(csms, "RELAY-201C");
        var station = relayed.Station;
        await station.SetStationAsync(new { variables = new Dictionary<string, string> { ["OCPPCommCtrlr.HeartbeatInterval"] = "300" } });
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-201-C", "2026-12-02T08:00:05Z", "Authorized", idToken: "TAG-201"));

        // RequestStopTransaction names the station's own transaction id: it reaches the station unchanged.
        await station.SetReplyAsync("RequestStopTransaction", new { status = "Accepted" });
        var stop = station.ExpectIncomingCall("RequestStopTransaction");
        var stopped = await csms.CallAsync("OP-RELAY-201C", "RequestStopTransaction", new JsonObject { ["transactionId"] = "TX-201-C" });
        Assert.Equal("TX-201-C", (await OcppPeer.WaitForIncomingCallAsync(stop)).GetProperty("transactionId").GetString());
        Assert.Equal("Accepted", stopped.GetProperty("payload").GetProperty("status").GetString());

        // RequestStartTransaction carrying the upstream's own TxProfile: the station gets the start without it.
        await station.SetReplyAsync("RequestStartTransaction", new { status = "Accepted" });
        var start = station.ExpectIncomingCall("RequestStartTransaction");
        var started = await csms.CallAsync("OP-RELAY-201C", "RequestStartTransaction", new JsonObject
        {
            ["evseId"] = 1,
            ["remoteStartId"] = 5,
            ["idToken"] = new JsonObject { ["idToken"] = "TAG-201", ["type"] = "ISO14443" },
            ["chargingProfile"] = new JsonObject
            {
                ["id"] = 77, ["stackLevel"] = 9, ["chargingProfilePurpose"] = "TxProfile", ["chargingProfileKind"] = "Relative",
                ["chargingSchedule"] = new JsonArray(new JsonObject
                {
                    ["id"] = 1, ["chargingRateUnit"] = "A", ["chargingSchedulePeriod"] = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = 32 }),
                }),
            },
        });
        var startSent = await OcppPeer.WaitForIncomingCallAsync(start);
        Assert.Equal(5, startSent.GetProperty("remoteStartId").GetInt32());
        Assert.False(startSent.TryGetProperty("chargingProfile", out _), "the upstream's profile reached the station");
        Assert.Equal("Accepted", started.GetProperty("payload").GetProperty("status").GetString());

        // A variable the edge sets on boot, named as the wire names it (component and variable), is refused and the station not asked.
        var changed = await csms.CallAsync("OP-RELAY-201C", "SetVariables", new JsonObject
        {
            ["setVariableData"] = new JsonArray(new JsonObject
            {
                ["attributeValue"] = "900",
                ["component"] = new JsonObject { ["name"] = "SampledDataCtrlr" }, ["variable"] = new JsonObject { ["name"] = "TxUpdatedInterval" },
            }),
        });
        Assert.Equal("Rejected", changed.GetProperty("payload").GetProperty("setVariableResult")[0].GetProperty("attributeStatus").GetString());
        var smart = await csms.CallAsync("OP-RELAY-201C", "SetVariables", new JsonObject
        {
            ["setVariableData"] = new JsonArray(new JsonObject
            {
                ["attributeValue"] = "false",
                ["component"] = new JsonObject { ["name"] = "SmartChargingCtrlr" }, ["variable"] = new JsonObject { ["name"] = "Enabled" },
            }),
        });
        Assert.Equal("Rejected", smart.GetProperty("payload").GetProperty("setVariableResult")[0].GetProperty("attributeStatus").GetString());
        Assert.DoesNotContain("\"attributeValue\":\"900\"", station.Output, StringComparison.Ordinal);

        var trigger = station.ExpectIncomingCall("TriggerMessage");
        var triggered = await csms.CallAsync("OP-RELAY-201C", "TriggerMessage", new JsonObject
        {
            ["requestedMessage"] = "StatusNotification", ["evse"] = new JsonObject { ["id"] = 1, ["connectorId"] = 1 },
        });
        Assert.Equal("StatusNotification", (await OcppPeer.WaitForIncomingCallAsync(trigger)).GetProperty("requestedMessage").GetString());
        Assert.Equal("Accepted", triggered.GetProperty("payload").GetProperty("status").GetString());

        var reset = station.ExpectIncomingCall("Reset");
        var resetAnswer = await csms.CallAsync("OP-RELAY-201C", "Reset", new JsonObject { ["type"] = "OnIdle" });
        Assert.Equal("OnIdle", (await OcppPeer.WaitForIncomingCallAsync(reset)).GetProperty("type").GetString());
        Assert.Equal("Accepted", resetAnswer.GetProperty("payload").GetProperty("status").GetString());

        // GetVariables: the station's own values, read by the central system (a protected variable too: reading it is free).
        var read = await csms.CallAsync("OP-RELAY-201C", "GetVariables", new JsonObject
        {
            ["getVariableData"] = new JsonArray(new JsonObject
            {
                ["component"] = new JsonObject { ["name"] = "OCPPCommCtrlr" }, ["variable"] = new JsonObject { ["name"] = "HeartbeatInterval" },
            }),
        });
        var result = read.GetProperty("payload").GetProperty("getVariableResult")[0];
        Assert.Equal(("Accepted", "300"), (result.GetProperty("attributeStatus").GetString(), result.GetProperty("attributeValue").GetString()));

        // A call the station refuses: its CALLERROR, code kept, goes back.
        var refused = await csms.CallAsync("OP-RELAY-201C", "GetLog", new JsonObject
        {
            ["logType"] = "DiagnosticsLog", ["requestId"] = 7, ["log"] = new JsonObject { ["remoteLocation"] = "https://logs.example.net/upload" },
        });
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Equal("NotImplemented", refused.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_201_upstreams_charging_profiles_are_kept_at_the_edge_and_the_station_gets_the_lower_limit_at_every_moment()
    {
        await using var csms = await CsmsPeer.StartAsync();
        var profiles = new InMemoryOcppUpstreamProfileStore();
        await using var relayed = await Relayed201.StartAsync(csms, "RELAY-201P", profiles);
        var station = relayed.Station;
        var chargePoint = relayed.Host.Server.GetChargePoint("RELAY-201P");
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootFollowUpDoneAt is not null, "the boot's follow-up");
        var edgeLimit = station.ExpectIncomingCall("SetChargingProfile");
        await chargePoint.Limits.SetAsync(1, 20, CancellationToken.None);
        Assert.Equal([20m], LimitsOf(await OcppPeer.WaitForIncomingCallAsync(edgeLimit)));

        // The upstream's TxDefaultProfile in W (6900 W on 3 phases: 10 A), lower for its first 5 minutes: kept at the edge,
        // the station gets the edge's own profile carrying the lower of the two, period by period.
        var combined = station.ExpectIncomingCall("SetChargingProfile");
        var set = await csms.CallAsync("OP-RELAY-201P", "SetChargingProfile", Profile(77, "TxDefaultProfile", null, "W", (0, 6900), (300, 16_560)));
        Assert.Equal("Accepted", set.GetProperty("payload").GetProperty("status").GetString());
        var sent = await OcppPeer.WaitForIncomingCallAsync(combined);
        Assert.Equal((9001, "TxDefaultProfile"), (sent.GetProperty("chargingProfile").GetProperty("id").GetInt32(), sent.GetProperty("chargingProfile").GetProperty("chargingProfilePurpose").GetString()));
        Assert.Equal([10m, 20m], LimitsOf(sent));
        Assert.Single(profiles.Load("RELAY-201P")); // kept: a restart of the edge installs it again (docs/upstream.md, "Limits")

        var composite = (await csms.CallAsync("OP-RELAY-201P", "GetCompositeSchedule", new JsonObject { ["duration"] = 600, ["evseId"] = 1 })).GetProperty("payload");
        Assert.Equal(("Accepted", 1, "A"), (composite.GetProperty("status").GetString(), composite.GetProperty("schedule").GetProperty("evseId").GetInt32(),
            composite.GetProperty("schedule").GetProperty("chargingRateUnit").GetString()));
        Assert.Equal(10m, composite.GetProperty("schedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());

        // A TxProfile names the station's own transaction id: 8 A for that transaction, over the TxDefaultProfile.
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-201-P", "2026-12-02T08:00:05Z", "Authorized", idToken: "TAG-201"));
        var tx = await csms.CallAsync("OP-RELAY-201P", "SetChargingProfile", Profile(78, "TxProfile", "TX-201-P", "A", (0, 8)));
        Assert.Equal("Accepted", tx.GetProperty("payload").GetProperty("status").GetString());
        await OcppCoreMessagesTests.WaitUntilAsync(() => LastSent(station) is [8m], "the station limited to the TxProfile's 8 A");

        // "Why is it limited?" (docs/web.md): the schedule view carries the operator's limit and names it as what holds EVSE 1.
        var view = await ChargerScheduleApi.ReadAsync(chargePoint, chargePoint.Control!, 1, TimeSpan.FromMinutes(10), relayed.Host.Server, null, CancellationToken.None);
        Assert.Equal(8, view.OperatorLimit![0].LimitA);
        Assert.Equal(0, view.OperatorLimit[0].StartS);
        Assert.Equal(("operator", (double?)8, "Limited to 8 A by the operator's profile (the upstream central system's limit)."), (view.Why!.By, view.Why.LimitA, view.Why.Sentence));
        var other = await csms.CallAsync("OP-RELAY-201P", "SetChargingProfile", Profile(79, "TxProfile", "TX-NOT-RUNNING", "A", (0, 6)));
        Assert.Equal("Rejected", other.GetProperty("payload").GetProperty("status").GetString());
        var external = await csms.CallAsync("OP-RELAY-201P", "SetChargingProfile", Profile(80, "ChargingStationExternalConstraints", null, "A", (0, 6)));
        Assert.Equal("Rejected", external.GetProperty("payload").GetProperty("status").GetString());

        // Cleared by criteria (every profile of the upstream on EVSE 1): the edge's own limit again; nothing left to clear then.
        var cleared = await csms.CallAsync("OP-RELAY-201P", "ClearChargingProfile", new JsonObject { ["chargingProfileCriteria"] = new JsonObject { ["evseId"] = 1 } });
        Assert.Equal("Accepted", cleared.GetProperty("payload").GetProperty("status").GetString());
        await OcppCoreMessagesTests.WaitUntilAsync(() => LastSent(station) is [20m], "the edge's own 20 A again");
        Assert.Empty(profiles.Load("RELAY-201P"));
        var again = await csms.CallAsync("OP-RELAY-201P", "ClearChargingProfile", new JsonObject { ["chargingProfileId"] = 77 });
        Assert.Equal("Unknown", again.GetProperty("payload").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_201_upstream_reads_back_its_own_charging_profiles_as_it_set_them_and_never_the_edges_also_after_a_restart()
    {
        await using var csms = await CsmsPeer.StartAsync();
        var profiles = new InMemoryOcppUpstreamProfileStore();

        // Three profiles of the upstream's: the station's cap on EVSE 0, a TxDefaultProfile in W and a TxProfile on EVSE 1.
        var max = Profile(81, "ChargingStationMaxProfile", null, "A", (0, 30));
        max["evseId"] = 0;
        var sets = new[] { max, Profile(77, "TxDefaultProfile", null, "W", (0, 6900), (300, 16_560)), Profile(78, "TxProfile", "TX-201-G", "A", (0, 8)) };
        await using (var relayed = await Relayed201.StartAsync(csms, "RELAY-201G", profiles))
        {
            var station = relayed.Station;
            var chargePoint = relayed.Host.Server.GetChargePoint("RELAY-201G");
            await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootFollowUpDoneAt is not null, "the boot's follow-up");
            var edgeLimit = station.ExpectIncomingCall("SetChargingProfile");
            await chargePoint.Limits.SetAsync(1, 20, CancellationToken.None);
            await OcppPeer.WaitForIncomingCallAsync(edgeLimit); // the station holds the edge's own profile (9001) from now on
            await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-201-G", "2026-12-02T08:00:05Z", "Authorized", idToken: "TAG-201"));

            foreach (var set in sets)
            {
                Assert.Equal("Accepted", (await csms.CallAsync("OP-RELAY-201G", "SetChargingProfile", set)).GetProperty("payload").GetProperty("status").GetString());
            }

            // Every profile: one report per EVSE, to be continued but the last, each profile exactly as the upstream set it.
            var all = await csms.CallAsync("OP-RELAY-201G", "GetChargingProfiles", new JsonObject { ["requestId"] = 11, ["chargingProfile"] = new JsonObject() });
            Assert.Equal("Accepted", all.GetProperty("payload").GetProperty("status").GetString());
            var reports = await ReportsAsync(csms, 11, 2);
            Assert.Equal([(0, "CSO", true), (1, "CSO", false)], reports.Select(r => (r.GetProperty("evseId").GetInt32(), r.GetProperty("chargingLimitSource").GetString(), r.TryGetProperty("tbc", out var tbc) && tbc.GetBoolean())));
            AssertReported(reports[0], sets[0]);
            AssertReported(reports[1], sets[1], sets[2]);

            // By criteria: the TxProfile of EVSE 1 alone; none from another source, and never the edge's own profile.
            Assert.Equal("Accepted", (await csms.CallAsync("OP-RELAY-201G", "GetChargingProfiles", new JsonObject
            {
                ["requestId"] = 12, ["evseId"] = 1, ["chargingProfile"] = new JsonObject { ["chargingProfilePurpose"] = "TxProfile" },
            })).GetProperty("payload").GetProperty("status").GetString());
            AssertReported((await ReportsAsync(csms, 12, 1))[0], sets[2]);
            foreach (var criterion in new[] { new JsonObject { ["chargingLimitSource"] = new JsonArray("EMS") }, new JsonObject { ["chargingProfileId"] = new JsonArray(9001) } })
            {
                var none = await csms.CallAsync("OP-RELAY-201G", "GetChargingProfiles", new JsonObject { ["requestId"] = 13, ["chargingProfile"] = criterion });
                Assert.Equal("NoProfiles", none.GetProperty("payload").GetProperty("status").GetString());
            }

            Assert.DoesNotContain(" GetChargingProfiles ", station.Output, StringComparison.Ordinal); // answered at the edge, not by the station
        }

        // A restart of the edge: the kept profiles read back as they were set. One kept by an edge of before (the stack's
        // 1.6 terms only) reads back in 2.0.1 terms, its schedule numbered as the profile.
        var older = """{"connectorId":1,"csChargingProfiles":{"chargingProfileId":90,"stackLevel":5,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Relative","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":12}]}}}""";
        await profiles.SaveAsync("RELAY-201G", [.. profiles.Load("RELAY-201G"), older], CancellationToken.None);
        await using var again = await Relayed201.StartAsync(csms, "RELAY-201G", profiles);
        var afterRestart = await csms.CallAsync("OP-RELAY-201G", "GetChargingProfiles", new JsonObject
        {
            ["requestId"] = 14, ["chargingProfile"] = new JsonObject { ["chargingProfileId"] = new JsonArray(81, 77, 90) },
        });
        Assert.Equal("Accepted", afterRestart.GetProperty("payload").GetProperty("status").GetString());
        var restarted = await ReportsAsync(csms, 14, 2);
        AssertReported(restarted[0], sets[0]);
        AssertReported(restarted[1], sets[1], new JsonObject
        {
            ["chargingProfile"] = JsonNode.Parse("""{"id":90,"stackLevel":5,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Relative","chargingSchedule":[{"id":90,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":12}]}]}"""),
        });
        Assert.Empty(Reports(csms, 13)); // NoProfiles: nothing reported (a report would have come before those of request 14)
    }

    /// <summary>The ReportChargingProfiles the central system got for <paramref name="requestId"/>, once <paramref name="count"/> came.</summary>
    private static async Task<IReadOnlyList<JsonElement>> ReportsAsync(CsmsPeer csms, int requestId, int count)
    {
        await OcppCoreMessagesTests.WaitUntilAsync(() => Reports(csms, requestId).Count >= count, $"{count} reports for request {requestId}");
        var reports = Reports(csms, requestId);
        Assert.Equal(count, reports.Count);
        return reports;
    }

    private static List<JsonElement> Reports(CsmsPeer csms, int requestId) =>
        [.. csms.CallsOf("OP-RELAY-201G").Where(c => c.Action == "ReportChargingProfiles" && c.Payload.GetProperty("requestId").GetInt32() == requestId).Select(c => c.Payload)];

    private static void AssertReported(JsonElement report, params JsonObject[] sets)
    {
        var reported = report.GetProperty("chargingProfile").EnumerateArray().Select(p => JsonNode.Parse(p.GetRawText())).ToList();
        Assert.Equal(sets.Length, reported.Count);
        for (var i = 0; i < sets.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sets[i]["chargingProfile"]!.ToJsonString()), reported[i]), $"reported {reported[i]!.ToJsonString()}, set {sets[i]["chargingProfile"]!.ToJsonString()}");
        }
    }

    /// <summary>A 2.0.1 SetChargingProfile for EVSE 1, Absolute from now, one schedule of (startPeriod, limit) periods (on 3 phases in W).</summary>
    private static JsonObject Profile(int id, string purpose, string? transactionId, string unit, params (int StartPeriod, double Limit)[] periods)
    {
        var profile = new JsonObject
        {
            ["id"] = id, ["stackLevel"] = 3, ["chargingProfilePurpose"] = purpose, ["chargingProfileKind"] = "Absolute",
            ["chargingSchedule"] = new JsonArray(new JsonObject
            {
                ["id"] = 1,
                // Now, in whole seconds, as the edge's own schedule starts: its periods line up with the upstream's.
                ["startSchedule"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["chargingRateUnit"] = unit,
                ["chargingSchedulePeriod"] = new JsonArray([.. periods.Select(p => (JsonNode)(unit == "W"
                    ? new JsonObject { ["startPeriod"] = p.StartPeriod, ["limit"] = p.Limit, ["numberPhases"] = 3 }
                    : new JsonObject { ["startPeriod"] = p.StartPeriod, ["limit"] = p.Limit }))]),
            }),
        };
        if (transactionId is not null)
        {
            profile["transactionId"] = transactionId;
        }

        return new JsonObject { ["evseId"] = 1, ["chargingProfile"] = profile };
    }

    private static decimal[] LimitsOf(JsonElement setChargingProfile) =>
        [.. setChargingProfile.GetProperty("chargingProfile").GetProperty("chargingSchedule")[0].GetProperty("chargingSchedulePeriod").EnumerateArray().Select(p => p.GetProperty("limit").GetDecimal())];

    /// <summary>The limits of the last SetChargingProfile the station got, from its output.</summary>
    private static decimal[]? LastSent(OcppPeer station) =>
        station.Output.Split('\n').LastOrDefault(l => l.Contains(" SetChargingProfile {", StringComparison.Ordinal) && l.StartsWith("INCALL ", StringComparison.Ordinal)) is { } line
            ? LimitsOf(JsonDocument.Parse(line[(line.IndexOf('{', StringComparison.Ordinal))..]).RootElement)
            : null;
}
