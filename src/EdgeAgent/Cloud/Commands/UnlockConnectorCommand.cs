using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>unlock-connector</c> {chargerId, connectorId}: <see cref="ChargerOperations.UnlockAsync"/>.</summary>
public sealed class UnlockConnectorCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "unlock-connector";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.UnlockAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            cancellationToken).ConfigureAwait(false));
}
