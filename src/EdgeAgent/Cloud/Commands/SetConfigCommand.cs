using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>set-config</c> {config: site.json}: validated whole and applied live as a new revision
/// (source <c>cloud</c>); an invalid document is refused with every problem and changes nothing.
/// Secrets the document leaves out are kept.
/// </summary>
public sealed class SetConfigCommand(SiteConfigurationService configuration) : ICloudCommand
{
    public string Name => "set-config";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var document = CommandArguments.RequiredObject(command, "config");
        var id = CommandArguments.RequiredString(command, "id");
        return await ConfigurationChange.ApplyAsync(configuration, document.GetRawText(), "cloud command " + id, cancellationToken).ConfigureAwait(false);
    }
}
