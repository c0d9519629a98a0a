using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>reset-charger</c> {chargerId, type: Soft|Hard}: <see cref="ChargerOperations.ResetAsync"/>.</summary>
public sealed class ResetChargerCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "reset-charger";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.ResetAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "type"),
            cancellationToken).ConfigureAwait(false));
}
