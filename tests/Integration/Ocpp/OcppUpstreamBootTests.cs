using System.Text.Json.Nodes;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "The upstream's boot answer": a strict ocpp-rpc central system that answers a
/// relayed boot Pending or Rejected does not take the charger off the site. The charger has the
/// edge's Accepted and charges; the upstream gets nothing but the boot again, at the interval it
/// gave, until it accepts; then what waited goes up in order.
/// </summary>
public sealed class OcppUpstreamBootTests
{
    [Theory]
    [InlineData("Pending")]
    [InlineData("Rejected")]
    public async Task An_upstream_that_does_not_accept_the_boot_leaves_the_charger_on_the_site_and_gets_the_boot_again_at_its_interval(string answer)
    {
        await using var csms = await CsmsPeer.StartAsync();
        await csms.SetReplyAsync("BootNotification", new JsonObject { ["status"] = answer, ["currentTime"] = "2026-12-02T08:00:00Z", ["interval"] = 1 });
        await csms.SetReplyAsync("Authorize", new JsonObject { ["idTagInfo"] = new JsonObject { ["status"] = "Blocked" } });
        var relay = OcppUpstreamRelayTests.Relay();
        await using var host = await OcppTestHost.StartAsync(relay: relay);
        host.Registry.Add("BOOT-1", upstream: OcppUpstreamRelayTests.Target(csms, "BOOT-1"));
        await using var charger = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("BOOT-1");
        await charger.ConnectAsync(host.BaseUrl, "BOOT-1");
        await connected;

        // The charger is accepted by the edge and charges; the upstream is not asked meanwhile.
        Assert.Equal("Accepted", (await charger.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
        Assert.NotEqual("Blocked", (await charger.CallOkAsync("Authorize", new { idTag = "TAG-B" })).GetProperty("idTagInfo").GetProperty("status").GetString());
        await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-B", 1000, "2026-12-02T08:00:00Z"));
        var boots = await csms.WaitForCallsAsync("BOOT-1", 2);
        Assert.All(boots, c => Assert.Equal("BootNotification", c.Action));
        Assert.Equal(boots.Count, boots.Select(c => c.MessageId).Distinct().Count());
        Assert.Equal(answer, relay.StateOf("BOOT-1")!.Registration);

        // Accepted at last: the start that waited goes up after the boot.
        await csms.SetReplyAsync("BootNotification", null!);
        await OcppCoreMessagesTests.WaitUntilAsync(() => csms.CallsOf("BOOT-1").Any(c => c.Action == "StartTransaction"), "the start upstream");
        var calls = csms.CallsOf("BOOT-1");
        Assert.Equal("StartTransaction", calls[^1].Action);
        Assert.All(calls.SkipLast(1), c => Assert.Equal("BootNotification", c.Action));
        Assert.Equal("Accepted", relay.StateOf("BOOT-1")!.Registration);
        Assert.Contains(host.Events.Events, e => e.Code == "upstream.boot-" + answer.ToLowerInvariant());
        Assert.Contains(host.Events.Events, e => e.Code == "upstream.boot-accepted");
    }
}
