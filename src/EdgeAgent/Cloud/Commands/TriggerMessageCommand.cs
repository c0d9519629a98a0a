using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>trigger-message</c> {chargerId, message, connectorId?}: <see cref="ChargerOperations.TriggerAsync"/>.</summary>
public sealed class TriggerMessageCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "trigger-message";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.TriggerAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "message"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            cancellationToken).ConfigureAwait(false));
}
