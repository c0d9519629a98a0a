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
}
