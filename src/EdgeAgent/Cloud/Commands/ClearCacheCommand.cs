using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>clear-cache</c> {chargerId}: <see cref="ChargerOperations.ClearCacheAsync"/>.</summary>
public sealed class ClearCacheCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "clear-cache";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.ClearCacheAsync(CommandArguments.RequiredString(command, "chargerId"), cancellationToken).ConfigureAwait(false));
}
