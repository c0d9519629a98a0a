using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>stop-session</c> {chargerId, transactionId (an integer or a string) or connectorId}:
/// <see cref="ChargerOperations.StopSessionAsync"/>.
/// </summary>
public sealed class StopSessionCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "stop-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.StopSessionAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            CommandArguments.OptionalId(command, "transactionId"),
            cancellationToken).ConfigureAwait(false));
}
