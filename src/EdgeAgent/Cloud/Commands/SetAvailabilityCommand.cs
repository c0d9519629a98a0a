using System.Text.Json;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>set-availability</c> {chargerId, connectorId (0 = the whole charger), available}: OCPP ChangeAvailability.</summary>
public sealed class SetAvailabilityCommand(OcppCommandTarget target) : ICloudCommand
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

        var point = target.Resolve(chargerId);
        var response = await point.ChangeAvailabilityAsync(connectorId, available.GetBoolean(), cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "ChangeAvailability", response);
    }
}
