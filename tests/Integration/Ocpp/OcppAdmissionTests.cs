using System.Text.Json;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Who may connect: subprotocol, known id or pending, HTTP Basic password, and the BootNotification gate.</summary>
public sealed class OcppAdmissionTests
{
    private const string Password = "sixteen-bytes-or-more";

    [Fact]
    public async Task The_upgrade_refuses_unknown_ids_with_404_wrong_passwords_with_401_and_no_ocpp_subprotocol_with_400()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("AUTH-1", Password);
        await using var peer = await OcppPeer.StartAsync();

        Assert.Equal(404, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "NOBODY")));
        Assert.Equal(401, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "AUTH-1")));
        Assert.Equal(401, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "AUTH-1", "wrong-password-but-long")));
        Assert.Equal(400, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "AUTH-1", Password, protocols: ["ocpp2.0.1"])));
        Assert.DoesNotContain(host.Server.ChargePoints, c => c.IsConnected);

        var ok = await peer.ConnectAsync(host.BaseUrl, "AUTH-1", Password);
        Assert.True(ok.GetProperty("ok").GetBoolean(), ok.ToString());
        Assert.Equal("ocpp1.6", ok.GetProperty("protocol").GetString());
        Assert.Equal("Accepted", (await peer.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Calls_before_an_accepted_boot_get_SecurityError_and_are_not_acted_on()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("GATE-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "GATE-1");

        var trigger = peer.ExpectIncomingCall("TriggerMessage");
        var start = await peer.CallAsync("StartTransaction", OcppPayloads.Start(1, "TAG", 0, "2026-11-24T05:00:00Z"));
        Assert.False(start.GetProperty("ok").GetBoolean());
        Assert.Equal("BootNotification", (await OcppPeer.WaitForIncomingCallAsync(trigger)).GetProperty("requestedMessage").GetString());
        Assert.Equal("SecurityError", start.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(host.Store.Starts);

        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG", 0, "2026-11-24T05:00:00Z"));
        Assert.Single(host.Store.Starts);
    }

    [Fact]
    public async Task With_accept_new_chargers_an_unknown_charge_point_is_admitted_as_pending_and_becomes_accepted_once_configured()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.AcceptNewChargers = true;
        await using var peer = await OcppPeer.StartAsync();
        Assert.True((await peer.ConnectAsync(host.BaseUrl, "NEW-1")).GetProperty("ok").GetBoolean());

        var boot = await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        Assert.Equal("Pending", boot.GetProperty("status").GetString());
        Assert.Equal("TestVendor", host.Registry.Pending["NEW-1"].Vendor);
        var heartbeat = await peer.CallAsync("Heartbeat", new { });
        Assert.Equal("SecurityError", heartbeat.GetProperty("error").GetProperty("code").GetString());

        host.Registry.Add("NEW-1");
        Assert.Equal("Accepted", (await peer.CallOkAsync("BootNotification", OcppPayloads.Boot)).GetProperty("status").GetString());
        await peer.CallOkAsync("Heartbeat", new { });
    }

    [Fact]
    public async Task A_new_authenticated_connection_for_the_same_charge_point_replaces_the_old_one_cleanly()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("REPL-1", Password);
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "REPL-1", Password, client: "a");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");

        var closed = peer.ExpectClosed("a");
        Assert.True((await peer.ConnectAsync(host.BaseUrl, "REPL-1", Password, client: "b")).GetProperty("ok").GetBoolean());
        Assert.Equal(1008, JsonDocument.Parse(await closed).RootElement.GetProperty("code").GetInt32());

        await peer.CallOkAsync("Heartbeat", new { }, "b");
        Assert.True(host.Server.GetChargePoint("REPL-1").IsConnected);
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.disconnected");
    }
}
