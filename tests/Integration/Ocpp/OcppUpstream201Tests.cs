using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md: the relay built once on the version seam serves an OCPP 2.0.1 station — a strict
/// ocpp-rpc 2.0.1 station at the edge, relayed to a strict ocpp-rpc central system that agrees to 2.0.1.
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
}
