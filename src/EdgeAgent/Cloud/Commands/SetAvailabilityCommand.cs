using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>set-availability</c> {chargerId, connectorId (0 = the whole charger), available}: <see cref="ChargerOperations.SetAvailabilityAsync"/>.</summary>
public sealed class SetAvailabilityCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "set-availability";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var connectorId = CommandArguments.OptionalInt(command, "connectorId", 0, 100) ?? 0;
        if (!command.TryGetProperty("available", out var available) || available.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new CloudCommandException("'available' is required (true or false)");
        }

        return OperationAnswer.Of(await operations.SetAvailabilityAsync(chargerId, connectorId, available.GetBoolean(), cancellationToken).ConfigureAwait(false));
    }
}
