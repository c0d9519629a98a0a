using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The built daemon pushes a local authorization list longer than a charger takes in one message to
/// an ocpp-rpc charge point (strict mode, so every SendLocalList is checked against the OCPP 1.6
/// schema): cut to its <c>SendLocalListMaxLength</c> as a Full update and Differential ones with
/// rising versions, never beyond its <c>LocalAuthListMaxLength</c>, and again from Full after a refusal.
/// The test keeps the charger's list as OCPP 1.6 section 3.5 says a charger does, from the calls it got.
/// </summary>
public sealed class OcppLocalListChunkingTests
{
    private const string Site = """
        {
          "siteId": "ocpp-lists",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "BIG-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "SMALL-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    [Fact]
    public async Task A_list_of_12_goes_to_a_charger_taking_5_per_message_as_Full_5_Differential_5_Differential_2_ending_at_the_edge_version()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await PutListAsync(api, Tags(12, blockedEvery: 4)); // version 12: the version rises by the entry count

        await using var peer = await ChargerAsync(daemon, "BIG-1", Limits(sendMax: 5, storeMax: 100));

        var charger = new ChargerList();
        var first = await ReceivedAsync(peer, 3);
        Assert.Equal([(10, "Full", 5), (11, "Differential", 5), (12, "Differential", 2)], first.Select(Shape));
        first.ForEach(charger.Apply);
        var edge = await api.GetFromJsonAsync<JsonElement>("api/v1/authorization-list");
        Assert.Equal(edge.GetProperty("version").GetInt32(), charger.Version);
        Assert.Equal(Entries(edge), charger.Entries);
        Assert.Contains("INCALL a GetConfiguration {\"key\":[\"SendLocalListMaxLength\",\"LocalAuthListMaxLength\"]}", peer.Output, StringComparison.Ordinal);

        // The list changes (version 23) while it is connected and reports version 12: versions 21, 22, 23; its limits are not asked again.
        await peer.SetReplyAsync("GetLocalListVersion", new { listVersion = charger.Version });
        await PutListAsync(api, Tags(11, blockedEvery: 3));
        var second = (await ReceivedAsync(peer, 6))[3..];
        Assert.Equal([(21, "Full", 5), (22, "Differential", 5), (23, "Differential", 1)], second.Select(Shape));
        second.ForEach(charger.Apply);
        edge = await api.GetFromJsonAsync<JsonElement>("api/v1/authorization-list");
        Assert.Equal(23, charger.Version);
        Assert.Equal(Entries(edge), charger.Entries);
        Assert.Single(Lines(peer, "GetConfiguration"));

        // Reconnected with the edge's version: asked, and nothing sent.
        await peer.SetReplyAsync("GetLocalListVersion", new { listVersion = charger.Version });
        await peer.CloseAsync();
        await EventAsync(api, "BIG-1", "ocpp.disconnected"); // until the daemon lets go of the old connection, a new one is a takeover (409)
        var asked = peer.ExpectIncomingCall("GetLocalListVersion");
        var connected = await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "BIG-1");
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + peer.Output);
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await asked;
        await peer.CallOkAsync("Heartbeat", new { });
        Assert.Equal(6, Lines(peer, "SendLocalList").Count);
    }

    [Fact]
    public async Task A_list_longer_than_LocalAuthListMaxLength_is_not_sent_and_an_event_names_the_charger_and_both_numbers()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await PutListAsync(api, Tags(12, blockedEvery: 4));

        await using var peer = await ChargerAsync(daemon, "SMALL-1", Limits(sendMax: 20, storeMax: 10));

        var message = await EventAsync(api, "SMALL-1", "ocpp.local-list-too-long");
        Assert.Contains("12 entries", message, StringComparison.Ordinal);
        Assert.Contains("at most 10 (LocalAuthListMaxLength)", message, StringComparison.Ordinal);
        Assert.Contains("keeps its list (version 0)", message, StringComparison.Ordinal);
        await peer.CallOkAsync("Heartbeat", new { });
        Assert.Empty(Lines(peer, "SendLocalList"));
    }

    [Fact]
    public async Task The_first_list_of_a_new_site_goes_at_once_in_chunks_because_its_version_rises_by_its_length()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await PutListAsync(api, Tags(12, blockedEvery: 4)); // 12 entries by 5 need 3 versions: the list is at 12

        await using var peer = await ChargerAsync(daemon, "BIG-1", Limits(sendMax: 5, storeMax: null));
        Assert.Equal([(10, "Full", 5), (11, "Differential", 5), (12, "Differential", 2)], (await ReceivedAsync(peer, 3)).Select(Shape));
    }

    [Fact]
    public async Task A_charger_that_refuses_a_chunk_gets_the_whole_list_again_from_a_Full_update_on_the_next_sync()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await PutListAsync(api, Tags(7, blockedEvery: 2)); // version 7: Full 5, Differential 6, Differential 7

        await using var peer = await ChargerAsync(daemon, "BIG-1", Limits(sendMax: 3, storeMax: null), sendLocalList: "VersionMismatch");
        Assert.Contains("VersionMismatch to Full version 5", await EventAsync(api, "BIG-1", "ocpp.local-list-refused"), StringComparison.Ordinal);
        await peer.CallOkAsync("Heartbeat", new { });
        Assert.Equal([(5, "Full", 3)], Lines(peer, "SendLocalList").Select(Shape)); // nothing after the refusal

        // The next sync (the list changes: version 14) starts again from Full, and completes.
        await peer.SetReplyAsync("SendLocalList", new { status = "Accepted" });
        await PutListAsync(api, Tags(7, blockedEvery: 3));
        var again = (await ReceivedAsync(peer, 4))[1..];
        Assert.Equal([(12, "Full", 3), (13, "Differential", 3), (14, "Differential", 1)], again.Select(Shape));
        var charger = new ChargerList();
        again.ForEach(charger.Apply);
        Assert.Equal(14, charger.Version);
        Assert.Equal(Entries(await api.GetFromJsonAsync<JsonElement>("api/v1/authorization-list")), charger.Entries);
    }

    /// <summary>A charger with an empty list (version 0) and the given limits, connected and booted.</summary>
    private static async Task<OcppPeer> ChargerAsync(SiteDaemon daemon, string id, object limits, string sendLocalList = "Accepted")
    {
        var peer = await OcppPeer.StartAsync();
        await peer.SetReplyAsync("GetLocalListVersion", new { listVersion = 0 });
        await peer.SetReplyAsync("GetConfiguration", limits);
        await peer.SetReplyAsync("SendLocalList", new { status = sendLocalList });
        await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", id);
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        return peer;
    }

    private static object Limits(int sendMax, int? storeMax) => new
    {
        configurationKey = storeMax is { } max
            ? new object[] { new { key = "SendLocalListMaxLength", @readonly = true, value = $"{sendMax}" }, new { key = "LocalAuthListMaxLength", @readonly = true, value = $"{max}" } }
            : [new { key = "SendLocalListMaxLength", @readonly = true, value = $"{sendMax}" }],
        unknownKey = storeMax is null ? new[] { "LocalAuthListMaxLength" } : [],
    };

    private static object[] Tags(int count, int blockedEvery) =>
        [.. Enumerable.Range(1, count).Select(i => new { idTag = $"TAG-{i:D2}", status = i % blockedEvery == 0 ? "Blocked" : "Accepted" })];

    private static async Task PutListAsync(HttpClient api, object[] entries)
    {
        using var response = await api.PutAsJsonAsync("api/v1/authorization-list", new { entries });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static List<string> Entries(JsonElement document) =>
        [.. document.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("idTag").GetString()}:{e.GetProperty("status").GetString()}").Order(StringComparer.Ordinal)];

    private static (int Version, string Type, int Count) Shape(JsonElement call) =>
        (call.GetProperty("listVersion").GetInt32(), call.GetProperty("updateType").GetString()!, call.GetProperty("localAuthorizationList").GetArrayLength());

    private static List<JsonElement> Lines(OcppPeer peer, string action, string client = "a")
    {
        var prefix = $"INCALL {client} {action} ";
        return [.. peer.Output.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l[prefix.Length..]).RootElement.Clone())];
    }

    private static async Task<List<JsonElement>> ReceivedAsync(OcppPeer peer, int count)
    {
        await Poll.UntilAsync(() => Task.FromResult(Lines(peer, "SendLocalList").Count >= count), $"{count} SendLocalList calls\n{peer.Output}");
        await peer.CallOkAsync("Heartbeat", new { }); // any further call would have come before this answer's turn
        var calls = Lines(peer, "SendLocalList");
        Assert.Equal(count, calls.Count);
        return calls;
    }

    private static async Task<string> EventAsync(HttpClient api, string source, string code)
    {
        string? message = null;
        await Poll.UntilAsync(async () =>
        {
            message = (await api.GetFromJsonAsync<JsonElement>("api/v1/events?limit=200")).EnumerateArray()
                .Where(e => e.GetProperty("source").GetString() == source && e.GetProperty("code").GetString() == code)
                .Select(e => e.GetProperty("message").GetString()).FirstOrDefault();
            return message is not null;
        }, $"the event {code} of {source}");
        return message!;
    }
}
