using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>Applies a site.json from the cloud and turns the outcome into a command result or a refusal listing every problem.</summary>
public static class ConfigurationChange
{
    public static async Task<JsonElement?> ApplyAsync(SiteConfigurationService configuration, string json, string author, CancellationToken cancellationToken)
    {
        var outcome = await configuration.ApplyAsync(json, RevisionSources.Cloud, author, cancellationToken).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            var errors = outcome.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString());
            throw new CloudCommandException("configuration refused: " + string.Join("; ", errors));
        }

        var warnings = new JsonArray([.. outcome.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => (JsonNode?)p.ToString())]);
        return CommandResults.Of(new JsonObject
        {
            ["revision"] = outcome.Applied!.Revision,
            ["unchanged"] = outcome.Unchanged,
            ["warnings"] = warnings,
        });
    }
}
