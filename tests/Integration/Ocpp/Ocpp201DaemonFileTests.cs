using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The built daemon's REST door to a strict ocpp-rpc 2.0.1 station: UpdateFirmware (L01) and GetLog (N01) with URLs on
/// the edge that the station's own HTTP client uses, its FirmwareStatusNotification and LogStatusNotification as events,
/// and a TriggerMessage of its status.
/// </summary>
public sealed class Ocpp201DaemonFileTests
{
    private const string Site = """
        {
          "siteId": "ocpp201-files",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "FW-201", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    [Fact]
    public async Task A_2_0_1_station_downloads_firmware_and_uploads_its_log_over_urls_on_the_edge_and_its_reports_become_events()
    {
        await using var daemon = await SiteDaemon.StartAsync(Site);
        using var api = await daemon.LoggedInClientAsync();
        await using var peer = await OcppPeer.StartAsync();
        await peer.SetReplyAsync("UpdateFirmware", new { status = "Accepted" });
        await peer.SetReplyAsync("GetLog", new { status = "Accepted", filename = "station.log" });
        Assert.True((await peer.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "FW-201", protocols: Ocpp201Payloads.Protocols)).GetProperty("ok").GetBoolean());
        await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);

        byte[] image = [.. Enumerable.Range(0, 5_000).Select(i => (byte)(i * 3))];
        using var upload = new ByteArrayContent(image);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync("api/v1/firmware/fw-201.bin", upload)).StatusCode);
        var updateCall = peer.ExpectIncomingCall("UpdateFirmware");
        using var update = await api.PostAsJsonAsync("api/v1/chargers/FW-201/firmware", new { fileName = "fw-201.bin" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updateRequest = await OcppPeer.WaitForIncomingCallAsync(updateCall);
        var location = updateRequest.GetProperty("firmware").GetProperty("location").GetString()!;
        Assert.StartsWith($"http://{daemon.Ocpp.Authority}/ocpp-files/FW-201/", location, StringComparison.Ordinal);
        var download = await peer.HttpAsync("GET", location);
        Assert.Equal(200, download.Status);
        Assert.Equal(image, download.Body);
        await peer.CallOkAsync("FirmwareStatusNotification", new { status = "Downloaded", requestId = updateRequest.GetProperty("requestId").GetInt32() });

        var logCall = peer.ExpectIncomingCall("GetLog");
        using var log = await api.PostAsJsonAsync("api/v1/chargers/FW-201/diagnostics", new { });
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Equal("station.log", (await log.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileName").GetString());
        var logRequest = await OcppPeer.WaitForIncomingCallAsync(logCall);
        Assert.Equal("DiagnosticsLog", logRequest.GetProperty("logType").GetString());
        var folder = logRequest.GetProperty("log").GetProperty("remoteLocation").GetString()!;
        Assert.Equal(201, (await peer.HttpAsync("PUT", folder + "station.log", "station log lines"u8.ToArray())).Status);
        await peer.CallOkAsync("LogStatusNotification", new { status = "Uploaded", requestId = logRequest.GetProperty("requestId").GetInt32() });
        var stored = await api.GetFromJsonAsync<JsonElement>("api/v1/diagnostics");
        Assert.Contains(stored.EnumerateArray(), f => f.GetProperty("chargerId").GetString() == "FW-201" && f.GetProperty("fileName").GetString()!.EndsWith("-station.log", StringComparison.Ordinal));

        var triggerCall = peer.ExpectIncomingCall("TriggerMessage");
        using var trigger = await api.PostAsJsonAsync("api/v1/chargers/FW-201/trigger", new { message = "StatusNotification", connectorId = 1 });
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);
        Assert.Equal("StatusNotification", (await OcppPeer.WaitForIncomingCallAsync(triggerCall)).GetProperty("requestedMessage").GetString());
        using var boot = await api.PostAsJsonAsync("api/v1/chargers/FW-201/trigger", new { message = "BootNotification" });
        Assert.Equal(HttpStatusCode.BadRequest, boot.StatusCode);

        var events = (await api.GetFromJsonAsync<JsonElement>("api/v1/events?limit=200")).EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == "FW-201").Select(e => $"{e.GetProperty("code").GetString()} {e.GetProperty("message").GetString()}").ToList();
        Assert.Contains("ocpp.firmware Firmware: Downloaded", events);
        Assert.Contains("ocpp.diagnostics Log upload: Uploaded", events);
    }
}
