using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>Small JSON results for the commands' answers.</summary>
public static class CommandResults
{
    public static JsonElement Of(IReadOnlyDictionary<string, string> fields)
    {
        var node = new JsonObject();
        foreach (var (key, value) in fields)
        {
            node[key] = value;
        }

        return Of(node);
    }

    public static JsonElement Of(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
