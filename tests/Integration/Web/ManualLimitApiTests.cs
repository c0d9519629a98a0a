using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>The manual current limit over real HTTP against the real daemon (demo site): validated, applied by the loop, shown, recorded.</summary>
public sealed class ManualLimitApiTests : IClassFixture<WebDaemonFixture>
{
    private readonly WebDaemon _daemon;

    public ManualLimitApiTests(WebDaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task A_manual_limit_is_validated_by_field_applied_by_the_loop_shown_in_status_recorded_and_cleared()
    {
        using var anonymous = _daemon.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/v1/chargers/CP001/limit", new { maxCurrentA = 8 })).StatusCode);

        using var client = await _daemon.LoggedInClientAsync();
        var charger = (await client.GetFromJsonAsync<JsonElement>("api/v1/chargers")).EnumerateArray().First();
        var id = charger.GetProperty("id").GetString()!;
        var maxA = charger.GetProperty("maxCurrentA").GetDouble();

        await AssertRefusedAsync(client, id, new { maxCurrentA = maxA + 1 }, "$.maxCurrentA");
        await AssertRefusedAsync(client, id, new { maxCurrentA = 3 }, "$.maxCurrentA"); // below the 6 A minimum, and not 0
        await AssertRefusedAsync(client, id, new { connectorId = 1 }, "$.maxCurrentA");
        await AssertRefusedAsync(client, id, new { maxCurrentA = 8, connectorId = 9 }, "$.connectorId");
        await AssertRefusedAsync(client, id, new { maxCurrentA = 8, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "$.expiresAt");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("api/v1/chargers/nope/limit", new { maxCurrentA = 8 })).StatusCode);
        Assert.Empty((await Status(client)).GetProperty("manualLimits").EnumerateArray());

        using var set = await client.PostAsJsonAsync($"api/v1/chargers/{id}/limit", new { maxCurrentA = 6, expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(6, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxCurrentA").GetDouble());

        // The next cycles carry it: every connector of the charger shows it and gets no more.
        await Poll.UntilAsync(async () => Connectors(await Status(client), id).All(c => c.GetProperty("manualLimitA").ValueKind == JsonValueKind.Number), "the limit in the status");
        await Poll.UntilAsync(async () => Connectors(await Status(client), id).All(c => c.GetProperty("limitA") is { ValueKind: JsonValueKind.Number } l && l.GetDouble() <= 6), "setpoints at most 6 A");
        Assert.Contains((await Status(client)).GetProperty("manualLimits").EnumerateArray(), l => l.GetProperty("chargerId").GetString() == id && l.GetProperty("setBy").GetString() == "admin");

        using var cleared = await client.DeleteAsync($"api/v1/chargers/{id}/limit");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"api/v1/chargers/{id}/limit")).StatusCode);
        await Poll.UntilAsync(async () => Connectors(await Status(client), id).All(c => c.GetProperty("manualLimitA").ValueKind == JsonValueKind.Null), "the limit gone from the status");

        var codes = (await client.GetFromJsonAsync<JsonElement>("api/v1/events?limit=200")).EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == id).Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("charger.manual-limit.set", codes);
        Assert.Contains("charger.manual-limit.cleared", codes);
    }

    private static async Task AssertRefusedAsync(HttpClient client, string id, object body, string path)
    {
        using var response = await client.PostAsJsonAsync($"api/v1/chargers/{id}/limit", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"no {path} in {problem}");
    }

    private static Task<JsonElement> Status(HttpClient client) => client.GetFromJsonAsync<JsonElement>("api/v1/status");

    private static List<JsonElement> Connectors(JsonElement status, string chargerId) =>
        status.GetProperty("chargers").EnumerateArray().First(c => c.GetProperty("id").GetString() == chargerId).GetProperty("connectors").EnumerateArray().ToList();
}
