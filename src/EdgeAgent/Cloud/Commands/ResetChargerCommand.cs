using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>reset-charger</c> {chargerId, type: Soft|Hard, connectorId? (an OCPP 2.0.1 EVSE alone)}: <see cref="ChargerOperations.ResetAsync"/>.</summary>
public sealed class ResetChargerCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "reset-charger";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.ResetAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "type"),
            CommandArguments.OptionalInt(command, "connectorId", 0, 100),
            cancellationToken).ConfigureAwait(false));
}
