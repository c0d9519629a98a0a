using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>set-site-limit</c> {maxCurrentA}: a new configuration revision with <c>grid.maxCurrentA</c>
/// changed, validated like any other (so it cannot go below what the circuits need, or make an
/// invalid site), applied live and kept across restarts.
/// </summary>
public sealed class SetSiteLimitCommand(SiteConfigurationService configuration) : ICloudCommand
{
    public string Name => "set-site-limit";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var limitA = CommandArguments.RequiredNumber(command, "maxCurrentA", 0, 10_000);
        var id = CommandArguments.RequiredString(command, "id");
        var current = configuration.Current ?? throw new CloudCommandException("no site configuration has been applied yet");
        var site = current.Site with { Grid = current.Site.Grid with { MaxCurrentA = limitA } };
        // Without its secrets, which are kept from the configuration in force: that one holds OCPP
        // passwords as hashes (docs/security.md), and a document carries passwords, never hashes.
        return await ConfigurationChange.ApplyAsync(configuration, SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(site)), "cloud command " + id, cancellationToken).ConfigureAwait(false);
    }
}
