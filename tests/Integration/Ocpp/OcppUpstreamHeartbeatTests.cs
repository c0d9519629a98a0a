using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Heartbeats": a relayed charger keeps the heartbeat interval the edge gives it,
/// whatever the upstream answers its boot; the upstream gets heartbeats at the interval it gave, from
/// the link itself, while nothing else goes up. A strict ocpp-rpc charge point and central system.
/// </summary>
public sealed class OcppUpstreamHeartbeatTests
{
    [Fact]
    public async Task The_charger_keeps_the_edges_heartbeat_interval_and_the_upstream_gets_heartbeats_at_its_own()
    {
        await using var csms = await CsmsPeer.StartAsync();
        await csms.SetReplyAsync("BootNotification", Boot(3600));
        await using var host = await OcppTestHost.StartAsync(relay: OcppUpstreamRelayTests.Relay());
        host.Registry.Add("RELAY-HB", settings: new OcppChargerSettings { HeartbeatInterval = TimeSpan.FromSeconds(120) }, upstream: OcppUpstreamRelayTests.Target(csms, "RELAY-HB"));
        await using var charger = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("RELAY-HB");
        await charger.ConnectAsync(host.BaseUrl, "RELAY-HB");
        await connected;
        Assert.Equal(120, (await charger.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("interval").GetInt32());

        // The charger's Heartbeat is the edge's to answer: it does not go up, the Authorize after it (asked live) does.
        await charger.CallOkAsync("Heartbeat", new { });
        await charger.CallOkAsync("Authorize", new { idTag = "TAG-HB" });
        Assert.Equal(["BootNotification", "Authorize"], (await csms.WaitForCallsAsync("RELAY-HB", 2)).Select(c => c.Action));

        // The upstream now wants a heartbeat every second (the charger rebooted): the link sends them while
        // it has nothing else to send; the charger still gets the edge's interval.
        await csms.SetReplyAsync("BootNotification", Boot(1));
        Assert.Equal(120, (await charger.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("interval").GetInt32());
        var calls = await csms.WaitForCallsAsync("RELAY-HB", 5);
        Assert.Equal(["BootNotification", "Authorize", "BootNotification", "Heartbeat", "Heartbeat"], calls.Take(5).Select(c => c.Action));
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "upstream.refused");
    }

    private static JsonObject Boot(int intervalS) => new() { ["status"] = "Accepted", ["currentTime"] = "2026-12-02T08:00:00Z", ["interval"] = intervalS };
}
