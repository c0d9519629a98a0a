using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>start-session</c> {chargerId, connectorId?, idTag, maxCost?, maxEnergyWh?, departureAt?, energyWh?}: <see cref="ChargerOperations.StartSessionAsync(string, string?, int?, decimal?, decimal?, string?, decimal?, CancellationToken)"/>;
/// a budget stops the session it starts (docs/mqtt.md). On a Modbus charger it sets the budget of the
/// session on the connector (idTag optional), which the operation checks like the rest.
/// </summary>
public sealed class StartSessionCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "start-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.StartSessionAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "idTag"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            CommandArguments.OptionalDecimal(command, "maxCost"),
            CommandArguments.OptionalDecimal(command, "maxEnergyWh"),
            CommandArguments.OptionalString(command, "departureAt"),
            CommandArguments.OptionalDecimal(command, "energyWh"),
            cancellationToken).ConfigureAwait(false));
}
