using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>start-session</c> {chargerId, connectorId?, idTag, maxCost?, maxEnergyWh?}: <see cref="ChargerOperations.StartSessionAsync(string, string?, int?, SessionBudget?, CancellationToken)"/>;
/// a budget (money with at most 2 decimals, Wh) stops the session it starts (docs/mqtt.md).
/// </summary>
public sealed class StartSessionCommand(ChargerOperations operations) : ICloudCommand
{
    public string Name => "start-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        OperationAnswer.Of(await operations.StartSessionAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.RequiredString(command, "idTag"),
            CommandArguments.OptionalInt(command, "connectorId", 1, 100),
            SessionBudget.Of(CommandArguments.OptionalAmount(command, "maxCost", decimals: 2), CommandArguments.OptionalAmount(command, "maxEnergyWh", decimals: 3)),
            cancellationToken).ConfigureAwait(false));
}
