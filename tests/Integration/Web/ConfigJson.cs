using System.Text.Json.Nodes;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>Reads and edits the site.json the API returns.</summary>
internal static class ConfigJson
{
    public static async Task<JsonObject> GetAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("api/v1/config");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static StringContent Body(JsonNode document) => new(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Turns <c>web.publicStatus</c> on or off through the API.</summary>
    public static async Task SetPublicStatusAsync(HttpClient admin, bool open)
    {
        var document = await GetAsync(admin);
        document["web"] = new JsonObject { ["publicStatus"] = open };
        using var response = await admin.PutAsync("api/v1/config", Body(document));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
