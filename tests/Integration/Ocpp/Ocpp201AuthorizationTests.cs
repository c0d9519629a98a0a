using System.Text.Json;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Authorization of a strict ocpp-rpc 2.0.1 station (C01, C09, C12): the edge's answers carry the token's group as
/// groupIdToken, so a second card of the group stops the first one's transaction ([OCTT] TC_C_39, TC_C_43); the local list
/// the station gets carries the group too (TC_C_40); and a token the station took from its cache is checked again when a
/// TransactionEvent brings it (C12.FR.03, TC_C_08 Accepted, TC_C_20 Invalid).
/// </summary>
public sealed class Ocpp201AuthorizationTests
{
    private const string Group = "FAMILY-7";

    [Fact]
    public async Task Tokens_of_one_group_get_its_groupIdToken_in_every_answer_and_in_the_local_list_so_either_may_stop_the_transaction()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S271");
        var (host, peer) = (booted.Host, booted.Peer);
        var expiry = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        host.Authorizer.UpdateLocalList(1, [new AuthorizationData("CARD-A", new IdTagInfo(AuthorizationStatus.Accepted, expiry, Group)), new AuthorizationData("CARD-B", new IdTagInfo(AuthorizationStatus.Accepted, null, Group))], full: true);

        // TC_C_39 steps 1–2: the second card asks first.
        AssertGroup(await peer.CallOkAsync("Authorize", new { idToken = Ocpp201Payloads.Token("CARD-B") }));

        // Steps 3–4: the first card starts the transaction; 6–9: the second one is asked about and stops it.
        var started = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-G", "2026-12-01T08:00:00Z", "Authorized", chargingState: "EVConnected", idToken: "CARD-A"));
        AssertGroup(started);
        Assert.Equal(expiry, started.GetProperty("idTokenInfo").GetProperty("cacheExpiryDateTime").GetDateTimeOffset());
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, "TX-G", "2026-12-01T08:01:00Z", "ChargingStateChanged", chargingState: "Charging"));
        AssertGroup(await peer.CallOkAsync("Authorize", new { idToken = Ocpp201Payloads.Token("CARD-B") }));
        AssertGroup(await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 2, "TX-G", "2026-12-01T09:00:00Z", "StopAuthorized", chargingState: "Charging", idToken: "CARD-B")));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 3, "TX-G", "2026-12-01T09:00:05Z", "StopAuthorized", chargingState: "EVConnected", stoppedReason: "Local", idToken: "CARD-B"));
        Assert.Equal("TX-G", Assert.Single(host.Store.Sessions).TransactionId.Text);

        // TC_C_40: the list the station keeps carries the group (and the expiry) of each card, so it can decide offline.
        await peer.SetReplyAsync("SendLocalList", new { status = "Accepted" });
        var sent = peer.ExpectIncomingCall("SendLocalList");
        var result = await booted.ChargePoint.Control!.SendLocalListAsync(
            new LocalListMessage(2, true, [new LocalListEntry("CARD-A", "Accepted", expiry, Group), new LocalListEntry("CARD-B", "Accepted", null, Group), new LocalListEntry("CARD-C", "Accepted", null, null)]),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Answer);
        var list = (await OcppPeer.WaitForIncomingCallAsync(sent)).GetProperty("localAuthorizationList").EnumerateArray().ToList();
        Assert.Equal([Group, Group, null], list.Select(e => e.GetProperty("idTokenInfo").TryGetProperty("groupIdToken", out var g) ? g.GetProperty("idToken").GetString() : null));
        Assert.Equal("Central", list[0].GetProperty("idTokenInfo").GetProperty("groupIdToken").GetProperty("type").GetString());
        Assert.Equal(expiry, list[0].GetProperty("idTokenInfo").GetProperty("cacheExpiryDateTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_token_from_the_station_cache_is_checked_again_when_a_transaction_event_brings_it()
    {
        var authorizer = new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptKnownOnly);
        await using var host = await OcppTestHost.StartAsync(authorizer: authorizer);
        host.Registry.Add("S272", version: Drivers.Ocpp.OcppVersion.V201);
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "S272", protocols: Ocpp201Payloads.Protocols);
        await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        authorizer.Cache("CACHED-OK", new IdTagInfo(AuthorizationStatus.Accepted));

        // TC_C_08: the station let the card in from its cache (no Authorize) and says so in an Updated event; the edge checks it.
        var accepted = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 0, "TX-C8", "2026-12-01T08:00:00Z", "Authorized", chargingState: "EVConnected", idToken: "CACHED-OK"));
        Assert.Equal("Accepted", accepted.GetProperty("idTokenInfo").GetProperty("status").GetString());
        Assert.False(accepted.GetProperty("idTokenInfo").TryGetProperty("groupIdToken", out _));

        // TC_C_20: valid in the station's cache, unknown to the edge: Invalid, so the station stops it.
        var refused = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 0, "TX-C20", "2026-12-01T08:05:00Z", "Authorized", chargingState: "EVConnected", idToken: "STALE-CARD"));
        Assert.Equal("Invalid", refused.GetProperty("idTokenInfo").GetProperty("status").GetString());
    }

    private static void AssertGroup(JsonElement answer)
    {
        var info = answer.GetProperty("idTokenInfo");
        Assert.Equal("Accepted", info.GetProperty("status").GetString());
        Assert.Equal(Group, info.GetProperty("groupIdToken").GetProperty("idToken").GetString());
    }
}
