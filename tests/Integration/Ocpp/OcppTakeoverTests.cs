using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/security.md at the OCPP upgrade: no browser page can open an OCPP connection, nobody
/// can take over a live charger that has no password, and refused upgrades are slowed per address.
/// </summary>
public sealed class OcppTakeoverTests
{
    private const string Password = "sixteen-bytes-or-more";

    [Fact]
    public async Task An_upgrade_with_an_Origin_header_is_refused_with_403_even_with_the_right_password()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("ORIGIN-1");
        host.Registry.Add("ORIGIN-2", Password);
        await using var peer = await OcppPeer.StartAsync();
        var browser = new Dictionary<string, string> { ["Origin"] = "https://evil.example" };

        Assert.Equal(403, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "ORIGIN-1", headers: browser)));
        Assert.Equal(403, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "ORIGIN-2", Password, headers: browser)));
        Assert.DoesNotContain(host.Server.ChargePoints, c => c.IsConnected);
        Assert.True((await peer.ConnectAsync(host.BaseUrl, "ORIGIN-1")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_unauthenticated_connection_never_replaces_a_live_charger_without_password_and_gets_409()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("OPEN-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "OPEN-1", client: "charger");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "charger");

        Assert.Equal(409, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "OPEN-1", client: "intruder")));

        // The real charger keeps its session and its traffic.
        await peer.CallOkAsync("Heartbeat", new { }, "charger");
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.disconnected");
    }

    [Fact]
    public async Task A_charger_that_closes_and_reconnects_at_once_is_admitted_while_a_second_connection_beside_a_live_one_gets_409()
    {
        var authorizer = new HeldOcppAuthorizer();
        await using var host = await OcppTestHost.StartAsync(authorizer: authorizer);
        host.Registry.Add("REBOOT-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "REBOOT-1", client: "c0");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "c0");

        // A charger that reboots fast while the edge is still busy with its last message (a slow
        // disk): it closes (normally, then as "service restart") and connects again as soon as its
        // close is answered.
        for (var i = 1; i <= 2; i++)
        {
            var held = authorizer.Held();
            await peer.CommandAsync(new JsonObject { ["op"] = "raw", ["client"] = $"c{i - 1}", ["data"] = $$"""[2,"auth-{{i}}","Authorize",{"idTag":"TAG-{{i}}"}]""" });
            await held.WaitAsync(OcppPeer.Timeout);
            await peer.CloseAsync($"c{i - 1}", code: i == 1 ? 1000 : 1012);
            var reconnect = await peer.ConnectAsync(host.BaseUrl, "REBOOT-1", client: $"c{i}");
            Assert.True(reconnect.GetProperty("ok").GetBoolean(), $"reconnect {i}: {reconnect}");
            await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, $"c{i}");
            authorizer.Release();
        }

        // A second connection while the charger's live one answers is still a takeover.
        Assert.Equal(409, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "REBOOT-1", client: "intruder")));
        await peer.CallOkAsync("Heartbeat", new { }, "c2");
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Count(e => e.Code == "ocpp.disconnected") == 2, "one disconnect per close");
    }

    [Fact]
    public async Task A_charger_that_answers_the_probe_keeps_its_connection_after_a_quiet_spell()
    {
        await using var host = await OcppTestHost.StartAsync(new OcppServerOptions { BootTriggerDelay = TimeSpan.FromMinutes(10), TakeoverGuard = TimeSpan.Zero });
        host.Registry.Add("OPEN-2");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "OPEN-2", client: "charger");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "charger");

        var probe = peer.ExpectIncomingCall("TriggerMessage", "charger");
        Assert.Equal(409, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "OPEN-2", client: "intruder")));
        Assert.Equal("Heartbeat", (await OcppPeer.WaitForIncomingCallAsync(probe)).GetProperty("requestedMessage").GetString());
        await peer.CallOkAsync("Heartbeat", new { }, "charger");
    }

    [Fact]
    public async Task A_silent_connection_of_a_charger_without_password_is_replaced_by_its_reconnect()
    {
        await using var host = await OcppTestHost.StartAsync(new OcppServerOptions
        {
            BootTriggerDelay = TimeSpan.FromMinutes(10), TakeoverGuard = TimeSpan.Zero, TakeoverProbeTimeout = TimeSpan.FromMilliseconds(300),
        });
        host.Registry.Add("OPEN-3");

        // A half-open old socket: upgraded, then never reads or answers again.
        using var silent = new ClientWebSocket();
        silent.Options.AddSubProtocol(ChargeNet.Drivers.Ocpp.OcppSubProtocol.V16);
        await silent.ConnectAsync(new Uri(host.BaseUrl + "/OPEN-3"), CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(host.Server.GetChargePoint("OPEN-3").IsConnected), "the silent connection admitted");

        await using var peer = await OcppPeer.StartAsync();
        Assert.True((await peer.ConnectAsync(host.BaseUrl, "OPEN-3")).GetProperty("ok").GetBoolean());
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
    }

    [Fact]
    public async Task Refused_upgrades_from_one_address_are_rate_limited_with_429()
    {
        await using var host = await OcppTestHost.StartAsync(new OcppServerOptions { BootTriggerDelay = TimeSpan.FromMinutes(10), UpgradeFailureLimit = 3 });
        host.Registry.Add("GUESS-1", Password);
        await using var peer = await OcppPeer.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "GUESS-1", $"guess-number-{i}-is-long")));
        }

        // Now even the right password waits: the address is slowed, not the charge point.
        Assert.Equal(429, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "GUESS-1", Password)));
    }
}
