using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The edge as a local controller (docs/upstream.md): a strict ocpp-rpc charge point connects to the
/// edge, the edge relays it to a strict ocpp-rpc central system, both ways; with the central system
/// down the charger charges on, and what it sent meanwhile reaches the central system afterwards,
/// in order, once, with the central system's transaction ids.
/// </summary>
public sealed class OcppUpstreamRelayTests
{
    private const string UpstreamPassword = "csms-password-for-up";

    internal static OcppUpstreamRelay Relay(IOcppUpstreamOutbox? outbox = null, int maxQueued = 10_000, int keepDone = 100) => new(outbox ?? new InMemoryOcppUpstreamOutbox(), new OcppUpstreamOptions
    {
        ReconnectMin = TimeSpan.FromMilliseconds(100),
        ReconnectMax = TimeSpan.FromMilliseconds(400),
        MaxQueued = maxQueued,
        KeepDone = keepDone,
    });

    internal static OcppUpstreamTarget Target(CsmsPeer csms, string upstreamId) =>
        new(OcppUpstreamTarget.UrlOf(csms.BaseUrl, upstreamId), upstreamId, UpstreamPassword, null, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Calls_go_both_ways_with_the_upstreams_transaction_ids_upstream_and_the_edges_on_the_charger()
    {
        await using var csms = await CsmsPeer.StartAsync();
        var relay = Relay();
        await using var host = await OcppTestHost.StartAsync(relay: relay);
        host.Registry.Add("RELAY-1", upstream: Target(csms, "OP-RELAY-1"));
        await using var charger = await OcppPeer.StartAsync();

        var connected = csms.WaitConnectedAsync("OP-RELAY-1");
        await charger.ConnectAsync(host.BaseUrl, "RELAY-1");
        var seen = await connected;
        Assert.Equal(("ocpp1.6", UpstreamPassword), (seen.GetProperty("protocol").GetString(), seen.GetProperty("password").GetString()));

        Assert.Equal("Accepted", (await charger.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
        await csms.SetReplyAsync("Authorize", new JsonObject { ["idTagInfo"] = new JsonObject { ["status"] = "Blocked" } });
        Assert.Equal("Blocked", (await charger.CallOkAsync("Authorize", new { idTag = "TAG-UP" })).GetProperty("idTagInfo").GetProperty("status").GetString());
        var edgeTransaction = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-UP", 1000, "2026-12-02T08:00:00Z"))).GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, edgeTransaction, 16, 16, 16, 32, 2000));

        var calls = await csms.WaitForCallsAsync("OP-RELAY-1", 4);
        Assert.Equal(["BootNotification", "Authorize", "StartTransaction", "MeterValues"], calls.Select(c => c.Action));
        Assert.Equal("2026-12-02T08:00:00Z", calls[2].Payload.GetProperty("timestamp").GetString());
        var upstreamTransaction = calls[3].Payload.GetProperty("transactionId").GetInt32();
        Assert.Equal(5000, upstreamTransaction);
        Assert.NotEqual(upstreamTransaction, edgeTransaction);

        // The central system's calls reach the charger with the edge's transaction id; the answers go back.
        var remoteStop = charger.ExpectIncomingCall("RemoteStopTransaction");
        var stopped = await csms.CallAsync("OP-RELAY-1", "RemoteStopTransaction", new JsonObject { ["transactionId"] = upstreamTransaction });
        Assert.Equal(edgeTransaction, (await OcppPeer.WaitForIncomingCallAsync(remoteStop)).GetProperty("transactionId").GetInt32());
        Assert.Equal("Accepted", stopped.GetProperty("payload").GetProperty("status").GetString());
        // A remote start carrying the upstream's own TxProfile (32 A): the charger gets the start without it — applied, it overrode
        // the edge's limit for the whole session while the edge counted what it sent.
        var remoteStart = charger.ExpectIncomingCall("RemoteStartTransaction");
        var started = await csms.CallAsync("OP-RELAY-1", "RemoteStartTransaction", new JsonObject
        {
            ["connectorId"] = 1,
            ["idTag"] = "TAG-UP",
            ["chargingProfile"] = new JsonObject
            {
                ["chargingProfileId"] = 77, ["stackLevel"] = 9, ["chargingProfilePurpose"] = "TxProfile", ["chargingProfileKind"] = "Relative",
                ["chargingSchedule"] = new JsonObject
                {
                    ["chargingRateUnit"] = "A", ["chargingSchedulePeriod"] = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = 32 }),
                },
            },
        });
        var startSent = await OcppPeer.WaitForIncomingCallAsync(remoteStart);
        Assert.Equal("TAG-UP", startSent.GetProperty("idTag").GetString());
        Assert.False(startSent.TryGetProperty("chargingProfile", out _), "the upstream's profile reached the charger");
        Assert.Equal("Accepted", started.GetProperty("payload").GetProperty("status").GetString());
        Assert.Contains(host.Events.Events, e => e.Code == "upstream.start-profile-dropped");

        var configuration = await csms.CallAsync("OP-RELAY-1", "GetConfiguration", new JsonObject());
        Assert.Equal("HeartbeatInterval", configuration.GetProperty("payload").GetProperty("configurationKey")[0].GetProperty("key").GetString());

        // A key the edge depends on is refused, honestly, and the charger is not asked.
        var change = await csms.CallAsync("OP-RELAY-1", "ChangeConfiguration", new JsonObject { ["key"] = "MeterValueSampleInterval", ["value"] = "900" });
        Assert.Equal("Rejected", change.GetProperty("payload").GetProperty("status").GetString());
        Assert.DoesNotContain("\"value\":\"900\"", charger.Output, StringComparison.Ordinal);

        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(edgeTransaction, 9000, "2026-12-02T09:00:00Z"));
        var stop = (await csms.WaitForCallsAsync("OP-RELAY-1", 5))[4];
        Assert.Equal(("StopTransaction", upstreamTransaction), (stop.Action, stop.Payload.GetProperty("transactionId").GetInt32()));
        Assert.DoesNotContain(UpstreamPassword, string.Join("\n", host.Events.Events.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_central_system_down_charging_goes_on_and_afterwards_it_gets_everything_in_order_once_with_its_ids()
    {
        var csms = await CsmsPeer.StartAsync();
        var port = csms.Port;
        var relay = Relay();
        await using var host = await OcppTestHost.StartAsync(relay: relay);
        host.Registry.Add("RELAY-2", upstream: Target(csms, "RELAY-2"));
        await using var charger = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("RELAY-2");
        await charger.ConnectAsync(host.BaseUrl, "RELAY-2", client: "a");
        await connected;
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
        await csms.DisposeAsync(); // the backend goes down
        await PollAsync(() => relay.StateOf("RELAY-2") is { Connected: false });

        // The edge answers alone: a session starts, the charger reboots (its boot accepted), a second session starts, the first stops.
        var first = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-A", 1000, "2026-12-02T08:00:00Z"), "a")).GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, first, 16, 16, 16, 32, 2000), "a");
        await charger.CloseAsync("a");
        await charger.ConnectAsync(host.BaseUrl, "RELAY-2", client: "b");
        Assert.Equal("Accepted", (await charger.CallOkAsync("BootNotification", OcppPayloads.Boot, "b")).GetProperty("status").GetString());
        var second = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(2, "TAG-B", 500, "2026-12-02T08:30:00Z"), "b")).GetProperty("transactionId").GetInt32();
        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(first, 9000, "2026-12-02T09:00:00Z"), "b");
        // The charger sends its stop again (it heard no answer): still one message for the upstream.
        await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(first, 9000, "2026-12-02T09:00:00Z"), "b");
        Assert.Equal(5, await relay.Outbox.CountAsync("RELAY-2", CancellationToken.None));

        await using var back = await CsmsPeer.StartAsync(port);
        var calls = await back.WaitForCallsAsync("RELAY-2", 5);
        await PollAsync(async () => await relay.Outbox.CountAsync("RELAY-2", CancellationToken.None) == 0);

        Assert.Equal(["StartTransaction", "MeterValues", "BootNotification", "StartTransaction", "StopTransaction"], back.CallsOf("RELAY-2").Select(c => c.Action));
        Assert.Equal(["2026-12-02T08:00:00Z", "2026-12-02T08:30:00Z", "2026-12-02T09:00:00Z"],
            calls.Where(c => c.Action is "StartTransaction" or "StopTransaction").Select(c => c.Payload.GetProperty("timestamp").GetString()));
        var upstreamFirst = calls[0].Payload.GetProperty("connectorId").GetInt32() == 1 ? 5000 : 5001;
        Assert.Equal(upstreamFirst, calls[1].Payload.GetProperty("transactionId").GetInt32());
        Assert.Equal(upstreamFirst, calls[4].Payload.GetProperty("transactionId").GetInt32());
        Assert.Equal(calls.Count, calls.Select(c => c.MessageId).Distinct().Count());
        Assert.NotEqual(first, second);
        Assert.Contains(host.Events.Events, e => e.Code == "upstream.disconnected");
    }

    [Fact]
    public async Task An_edge_restart_in_the_middle_of_a_replay_sends_nothing_twice_but_the_message_in_flight_under_its_own_id_and_keeps_the_id_mapping()
    {
        var dataDir = RealDiskDirectory.Create("chargenet-upstream-");
        try
        {
            var csms = await CsmsPeer.StartAsync();
            var port = csms.Port;
            await csms.DisposeAsync(); // down from the start
            await using var charger = await OcppPeer.StartAsync();
            int edgeTransaction;
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                await using var host = (await HostAsync(store, port)).Host;
                await charger.ConnectAsync(host.BaseUrl, "RELAY-3", client: "a");
                await charger.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
                edgeTransaction = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-R", 1000, "2026-12-02T08:00:00Z"), "a")).GetProperty("transactionId").GetInt32();
                await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, edgeTransaction, 16, 16, 16, 32, 2000), "a");
                await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, edgeTransaction, 10, 10, 10, 32, 3000), "a");
                await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(edgeTransaction, 9000, "2026-12-02T09:00:00Z"), "a");
                Assert.Equal(5, await store.OcppUpstream.CountAsync("RELAY-3", CancellationToken.None));
            }

            // The backend is back but leaves the first meter values unanswered; the edge restarts meanwhile.
            await using var back = await CsmsPeer.StartAsync(port);
            await back.SetReplyAsync("MeterValues", new JsonObject { ["hang"] = true });
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                await using var host = (await HostAsync(store, port)).Host;
                await charger.ConnectAsync(host.BaseUrl, "RELAY-3", client: "b");
                await back.WaitForCallsAsync("RELAY-3", 3);
            }

            await back.SetReplyAsync("MeterValues", null!);
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                await using var host = (await HostAsync(store, port)).Host;
                await charger.ConnectAsync(host.BaseUrl, "RELAY-3", client: "c");
                // The charger heard no answer to its start before the restart and sends it again: not queued again.
                Assert.Equal(edgeTransaction, (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-R", 1000, "2026-12-02T08:00:00Z"), "c")).GetProperty("transactionId").GetInt32());
                await back.WaitForCallsAsync("RELAY-3", 6);
                await PollAsync(async () => await store.OcppUpstream.CountAsync("RELAY-3", CancellationToken.None) == 0);
            }

            var calls = back.CallsOf("RELAY-3");
            Assert.Equal(["BootNotification", "StartTransaction", "MeterValues", "MeterValues", "MeterValues", "StopTransaction"], calls.Select(c => c.Action));
            Assert.Equal(calls[2].MessageId, calls[3].MessageId); // the one in flight, again under its id
            Assert.Equal(5, calls.Select(c => c.MessageId).Distinct().Count());
            Assert.Equal([5000, 5000, 5000, 5000], calls.Skip(2).Select(c => c.Payload.GetProperty("transactionId").GetInt32()));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_charger_gets_the_lower_of_the_upstreams_limit_and_the_edges_and_the_upstream_reads_the_combined_schedule()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await using var host = await OcppTestHost.StartAsync(relay: Relay());
        host.Registry.Add("RELAY-4", upstream: Target(csms, "RELAY-4"));
        await using var charger = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("RELAY-4");
        await charger.ConnectAsync(host.BaseUrl, "RELAY-4");
        await connected;
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);

        // After the boot the edge resends the limits it keeps; set ours once that is done, so the next
        // SetChargingProfile the charger gets is the combined one and not a resend of the edge's own.
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Server.GetChargePoint("RELAY-4").BootFollowUpDoneAt is not null, "the boot's follow-up");
        var edgeLimit = charger.ExpectIncomingCall("SetChargingProfile");
        await host.Server.GetChargePoint("RELAY-4").Limits.SetAsync(1, 20, CancellationToken.None);
        Assert.Equal(20m, LimitOf(await OcppPeer.WaitForIncomingCallAsync(edgeLimit)));

        // The upstream's 10 A (its own profile, stack level and purpose) is kept at the edge; the edge's profile carries the lower.
        var combined = charger.ExpectIncomingCall("SetChargingProfile");
        var set = await csms.CallAsync("RELAY-4", "SetChargingProfile", new JsonObject
        {
            ["connectorId"] = 1,
            ["csChargingProfiles"] = new JsonObject
            {
                ["chargingProfileId"] = 77, ["stackLevel"] = 3, ["chargingProfilePurpose"] = "TxDefaultProfile", ["chargingProfileKind"] = "Absolute",
                ["chargingSchedule"] = new JsonObject
                {
                    ["startSchedule"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["chargingRateUnit"] = "A",
                    ["chargingSchedulePeriod"] = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = 10 }),
                },
            },
        });
        Assert.Equal("Accepted", set.GetProperty("payload").GetProperty("status").GetString());
        var sent = await OcppPeer.WaitForIncomingCallAsync(combined);
        Assert.Equal((10m, 9001), (LimitOf(sent), sent.GetProperty("csChargingProfiles").GetProperty("chargingProfileId").GetInt32()));

        var composite = await csms.CallAsync("RELAY-4", "GetCompositeSchedule", new JsonObject { ["connectorId"] = 1, ["duration"] = 600 });
        var schedule = composite.GetProperty("payload");
        Assert.Equal("Accepted", schedule.GetProperty("status").GetString());
        Assert.Equal(10m, schedule.GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());

        // Cleared upstream: the edge's own limit again.
        var own = charger.ExpectIncomingCall("SetChargingProfile");
        var cleared = await csms.CallAsync("RELAY-4", "ClearChargingProfile", new JsonObject { ["id"] = 77 });
        Assert.Equal("Accepted", cleared.GetProperty("payload").GetProperty("status").GetString());
        Assert.Equal(20m, LimitOf(await OcppPeer.WaitForIncomingCallAsync(own)));
    }

    private static decimal LimitOf(JsonElement setChargingProfile) =>
        setChargingProfile.GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal();

    /// <summary>An edge on <paramref name="store"/> relaying <paramref name="chargerId"/> to the central system on <paramref name="csmsPort"/>, with its relay.</summary>
    internal static async Task<(OcppTestHost Host, OcppUpstreamRelay Relay)> HostAsync(LiteEdgeStore store, int csmsPort, string chargerId = "RELAY-3", int maxQueued = 10_000, int keepDone = 100)
    {
        var relay = Relay(store.OcppUpstream, maxQueued, keepDone);
        var host = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots, relay: relay);
        host.Registry.Add(chargerId, upstream: new(OcppUpstreamTarget.UrlOf($"ws://127.0.0.1:{csmsPort}/ocpp/", chargerId), chargerId, UpstreamPassword, null, TimeSpan.FromSeconds(1)));
        return (host, relay);
    }

    private static async Task PollAsync(Func<bool> condition) => await PollAsync(() => Task.FromResult(condition()));

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + OcppPeer.Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }
}
