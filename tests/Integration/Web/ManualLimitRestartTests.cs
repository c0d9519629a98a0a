using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>An operator's manual limit (0 A: a broken socket out of service) is kept across a kill and restart of the real daemon, with its expiry.</summary>
public sealed class ManualLimitRestartTests
{
    [Fact]
    public async Task A_manual_limit_survives_a_kill_and_restart_with_its_expiry_and_caps_the_connector_again()
    {
        var daemon = await WebDaemon.StartAsync();
        try
        {
            using (var client = await daemon.LoggedInClientAsync())
            {
                var id = (await client.GetFromJsonAsync<JsonElement>("api/v1/chargers")).EnumerateArray().First().GetProperty("id").GetString()!;
                var expires = DateTimeOffset.UtcNow.AddHours(2);
                using var set = await client.PostAsJsonAsync($"api/v1/chargers/{id}/limit", new { maxCurrentA = 0, connectorId = 1, expiresAt = expires });
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            daemon = await daemon.RestartAsync();

            using var after = await daemon.LoggedInClientAsync();
            var status = await after.GetFromJsonAsync<JsonElement>("api/v1/status");
            var limit = Assert.Single(status.GetProperty("manualLimits").EnumerateArray());
            Assert.Equal(0, limit.GetProperty("maxCurrentA").GetDouble());
            Assert.Equal(1, limit.GetProperty("connectorId").GetInt32());
            Assert.True(limit.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1.9));
            var chargerId = limit.GetProperty("chargerId").GetString()!;
            await Poll.UntilAsync(
                async () => (await after.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("chargers").EnumerateArray()
                    .First(c => c.GetProperty("id").GetString() == chargerId).GetProperty("connectors").EnumerateArray()
                    .First(c => c.GetProperty("id").GetInt32() == 1).GetProperty("limitA") is { ValueKind: JsonValueKind.Number } l && l.GetDouble() == 0,
                "connector 1 held at 0 A after the restart");
        }
        finally
        {
            await daemon.DisposeAsync();
        }
    }
}
