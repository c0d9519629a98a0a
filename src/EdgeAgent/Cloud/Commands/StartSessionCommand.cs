using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>start-session</c> {chargerId, connectorId?, idTag}: <see cref="ChargerOperations.StartSessionAsync"/>.</summary>
public sealed class StartSessionCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "start-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.StartSessionAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.RequiredString(command, "idTag"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            cancellationToken).ConfigureAwait(false));
}
