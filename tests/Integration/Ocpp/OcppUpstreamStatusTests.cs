using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Visible": the built daemon relays a strict ocpp-rpc charge point to a strict
/// ocpp-rpc central system; the central system stops and starts again, and the status, the charger's
/// resource, telemetry, the metrics, the events and the page show the link go down, the queue grow,
/// the replay and the queue empty.
/// </summary>
public sealed class OcppUpstreamStatusTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_upstream_outage_shows_the_link_down_and_the_queue_growing_then_a_replay_empties_it()
    {
        var csms = await CsmsPeer.StartAsync();
        var port = csms.Port;
        try
        {
            await using var daemon = await SiteDaemon.StartAsync($$"""
                {
                  "siteId": "upstream-status",
                  "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
                  "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
                  "web": { "publicStatus": true },
                  "ocpp": { "upstream": { "url": "{{csms.BaseUrl}}" } },
                  "chargers": [
                    { "id": "VIS-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16, "upstreamPassword": "csms-password-vis" }
                  ]
                }
                """);
            using var api = await daemon.LoggedInClientAsync();
            await using var charger = await OcppPeer.StartAsync();
            var connected = csms.WaitConnectedAsync("VIS-1");
            Assert.True((await charger.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "VIS-1")).GetProperty("ok").GetBoolean());
            await connected;
            await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);
            var up = await UpstreamWhenAsync(api, u => u.GetProperty("connected").GetBoolean() && u.GetProperty("queued").GetInt32() == 0, "the link up with nothing queued");
            Assert.Equal("Accepted", up.GetProperty("registration").GetString());

            // The backend goes down; the charger charges on, and what it sends waits.
            await csms.DisposeAsync();
            await UpstreamWhenAsync(api, u => !u.GetProperty("connected").GetBoolean(), "the link down");
            var transaction = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-V", 1000, "2026-12-02T08:00:00Z"))).GetProperty("transactionId").GetInt32();
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 2000));
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 3000));
            var down = await UpstreamWhenAsync(api, u => u.GetProperty("queued").GetInt32() == 3, "three messages queued");
            Assert.False(down.GetProperty("connected").GetBoolean());
            Assert.False(string.IsNullOrEmpty(down.GetProperty("lastError").GetString()));
            Assert.DoesNotContain("csms-password-vis", down.GetRawText(), StringComparison.Ordinal);

            // The same in the charger's resource, telemetry, the metrics and on the page.
            var detail = await api.GetFromJsonAsync<JsonElement>("api/v1/chargers/VIS-1");
            Assert.Equal(3, detail.GetProperty("upstream").GetProperty("queued").GetInt32());
            var status = (await api.GetFromJsonAsync<JsonElement>("api/v1/status")).Deserialize<SiteStatus>(WebJson)!;
            var telemetry = JsonDocument.Parse(CloudPayloads.Telemetry(status)).RootElement.GetProperty("chargers")[0].GetProperty("upstream");
            Assert.Equal((false, 3), (telemetry.GetProperty("connected").GetBoolean(), telemetry.GetProperty("queued").GetInt32()));
            var metrics = await api.GetStringAsync("metrics");
            Assert.Contains("chargenet_upstream_connected{charger=\"VIS-1\"} 0\n", metrics, StringComparison.Ordinal);
            Assert.Contains("chargenet_upstream_queued_messages{charger=\"VIS-1\"} 3\n", metrics, StringComparison.Ordinal);
            await using (var browser = await HeadlessChromium.StartAsync())
            {
                await browser.NavigateAsync(daemon.Web);
                await browser.WaitForAsync(
                    "[...document.querySelectorAll('#chargers tbody tr[data-charger=\"VIS-1\"] small.upstream.down')].some(e => e.textContent.includes('upstream down · 3 queued'))",
                    "the page to show the link down with three messages queued");
            }

            // The backend is back: the replay empties the queue, in order.
            await using var back = await CsmsPeer.StartAsync(port);
            await UpstreamWhenAsync(api, u => u.GetProperty("connected").GetBoolean() && u.GetProperty("queued").GetInt32() == 0, "the link up and the queue empty");
            Assert.Equal(["StartTransaction", "MeterValues", "MeterValues"], (await back.WaitForCallsAsync("VIS-1", 3)).Select(c => c.Action));
            var events = await EventsAsync(api);
            Assert.Contains(events, e => e.Code == "upstream.disconnected");
            Assert.Contains(events, e => e.Code == "upstream.connected" && e.Message.Contains(" s down", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Code == "upstream.replay-started" && e.Message.Contains("replaying 3 queued", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Code == "upstream.replay-finished" && e.Message.Contains("3 message(s) delivered (0 refused)", StringComparison.Ordinal));
            Assert.Contains("chargenet_upstream_queued_messages{charger=\"VIS-1\"} 0\n", await api.GetStringAsync("metrics"), StringComparison.Ordinal);
        }
        finally
        {
            await csms.DisposeAsync();
        }
    }

    /// <summary>Polls the status until VIS-1's upstream link meets <paramref name="condition"/>; gives the link.</summary>
    private static async Task<JsonElement> UpstreamWhenAsync(HttpClient api, Func<JsonElement, bool> condition, string what)
    {
        JsonElement upstream = default;
        await Poll.UntilAsync(async () =>
        {
            using var response = await api.GetAsync("api/v1/status");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var charger = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chargers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "VIS-1");
            return charger.TryGetProperty("upstream", out upstream) && condition(upstream);
        }, what);
        return upstream.Clone();
    }

    private static async Task<List<(string Code, string Message)>> EventsAsync(HttpClient api) =>
        [.. (await api.GetFromJsonAsync<JsonElement>("api/v1/events?limit=100")).EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == "VIS-1")
            .Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("message").GetString()!))];
}
