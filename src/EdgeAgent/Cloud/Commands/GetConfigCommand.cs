using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>get-config</c>: the site.json in force (secrets left out) and its revision.</summary>
public sealed class GetConfigCommand(SiteConfigurationService configuration) : ICloudCommand
{
    public string Name => "get-config";

    public Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var current = configuration.Current ?? throw new CloudCommandException("no site configuration has been applied yet");
        var site = SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(current.Site));
        var result = new System.Text.Json.Nodes.JsonObject
        {
            ["revision"] = current.Revision,
            ["appliedAt"] = current.AppliedAt,
            ["source"] = current.Source,
            ["config"] = System.Text.Json.Nodes.JsonNode.Parse(site),
        };
        return Task.FromResult<JsonElement?>(CommandResults.Of(result));
    }
}
