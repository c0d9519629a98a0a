using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The built daemon and an ocpp-rpc charge point (strict mode) that uses node's own HTTP client, as
/// a charger's firmware and diagnostics transfers do: UpdateFirmware and GetDiagnostics through the
/// REST API with URLs on the edge itself, and the local authorization list pushed on change and on
/// connect.
/// </summary>
public sealed class OcppDaemonFileAndListTests
{
    private const string Site = """
        {
          "siteId": "ocpp-files",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "FW-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "NOLIST-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    [Fact]
    public async Task A_charger_downloads_firmware_and_uploads_diagnostics_over_http_from_urls_on_the_edge()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await using var peer = await daemon.BootedChargerAsync("FW-1");

        byte[] image = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))];
        using var upload = new ByteArrayContent(image);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync("api/v1/firmware/fw-3.0.bin", upload)).StatusCode);
        using var unsafeName = new ByteArrayContent([1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsync("api/v1/firmware/..%2Fescape", unsafeName)).StatusCode);

        var updateCall = peer.ExpectIncomingCall("UpdateFirmware");
        using var update = await api.PostAsJsonAsync("api/v1/chargers/FW-1/firmware", new { fileName = "fw-3.0.bin" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var location = (await OcppPeer.WaitForIncomingCallAsync(updateCall)).GetProperty("location").GetString()!;
        Assert.StartsWith($"http://{daemon.Ocpp.Authority}/ocpp-files/FW-1/", location, StringComparison.Ordinal);
        var download = await peer.HttpAsync("GET", location);
        Assert.Equal(200, download.Status);
        Assert.Equal(image, download.Body);
        Assert.Equal(403, (await peer.HttpAsync("GET", location.Replace("/FW-1/", "/NOLIST-1/", StringComparison.Ordinal))).Status);
        await peer.CallOkAsync("FirmwareStatusNotification", new { status = "Downloaded" });

        var diagnosticsCall = peer.ExpectIncomingCall("GetDiagnostics");
        using var diagnostics = await api.PostAsJsonAsync("api/v1/chargers/FW-1/diagnostics", new { });
        Assert.Equal(HttpStatusCode.OK, diagnostics.StatusCode);
        Assert.Equal("diagnostics.zip", (await diagnostics.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileName").GetString());
        var folder = (await OcppPeer.WaitForIncomingCallAsync(diagnosticsCall)).GetProperty("location").GetString()!;
        Assert.Equal(201, (await peer.HttpAsync("PUT", folder + "diagnostics.zip", "charger log lines"u8.ToArray())).Status);
        // The URL took its one upload: a second one is refused, and nothing more is stored.
        Assert.Equal(410, (await peer.HttpAsync("POST", folder, "second upload"u8.ToArray())).Status);
        // The size limit (413) is shown on a small limit in OcppFileServiceTests: 50 MB through the peer's stdin is too slow here.

        var stored = await api.GetFromJsonAsync<JsonElement>("api/v1/diagnostics");
        var files = stored.EnumerateArray().Where(f => f.GetProperty("chargerId").GetString() == "FW-1").Select(f => f.GetProperty("fileName").GetString()!).ToList();
        var zip = Assert.Single(files);
        Assert.EndsWith("-diagnostics.zip", zip, StringComparison.Ordinal);
        Assert.Equal("charger log lines", await api.GetStringAsync($"api/v1/diagnostics/FW-1/{zip}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = daemon.Web }.GetAsync("api/v1/diagnostics")).StatusCode);
    }

    [Fact]
    public async Task The_local_list_goes_to_connected_chargers_when_it_changes_and_to_chargers_whose_version_differs_when_they_connect()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("api/v1/authorization-list", new { entries = new[] { new { idTag = "TAG-A", status = "Accepted" } } })).StatusCode);

        // Connects with list version 3 (the canned reply): the edge's version 1 differs, so the whole list goes.
        await using var peer = await OcppPeer.StartAsync();
        var onBoot = peer.ExpectIncomingCall("SendLocalList");
        await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "FW-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var first = await OcppPeer.WaitForIncomingCallAsync(onBoot);
        Assert.Equal((1, "Full"), (first.GetProperty("listVersion").GetInt32(), first.GetProperty("updateType").GetString()));
        Assert.Equal("TAG-A", first.GetProperty("localAuthorizationList")[0].GetProperty("idTag").GetString());

        // The list changes while it is connected: version 3 (1 + its 2 entries) goes out at once.
        await peer.SetReplyAsync("GetLocalListVersion", new { listVersion = 1 });
        var onChange = peer.ExpectIncomingCall("SendLocalList");
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("api/v1/authorization-list", new
        {
            entries = new[] { new { idTag = "TAG-A", status = "Blocked" }, new { idTag = "TAG-B", status = "Accepted" } },
        })).StatusCode);
        var second = await OcppPeer.WaitForIncomingCallAsync(onChange);
        Assert.Equal(3, second.GetProperty("listVersion").GetInt32());
        Assert.Equal(["TAG-A:Blocked", "TAG-B:Accepted"], second.GetProperty("localAuthorizationList").EnumerateArray()
            .Select(e => $"{e.GetProperty("idTag").GetString()}:{e.GetProperty("idTagInfo").GetProperty("status").GetString()}").Order(StringComparer.Ordinal));

        // A charger without a local list (-1) is asked, and left alone.
        await peer.SetReplyAsync("GetLocalListVersion", new { listVersion = -1 });
        var asked = peer.ExpectIncomingCall("GetLocalListVersion", client: "nolist");
        await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "NOLIST-1", client: "nolist");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, client: "nolist");
        await asked;
        await peer.CallOkAsync("Heartbeat", new { }, client: "nolist");
        Assert.DoesNotContain("INCALL nolist SendLocalList", peer.Output, StringComparison.Ordinal);
    }
}
