using System.Text.Json;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>reset-charger</c> {chargerId, type: Soft|Hard}: OCPP Reset.</summary>
public sealed class ResetChargerCommand(OcppCommandTarget target) : ICloudCommand
{
    public string Name => "reset-charger";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var type = command.TryGetProperty("type", out _) ? CommandArguments.OneOf(command, "type", "Soft", "Hard") : "Soft";
        var point = target.Resolve(chargerId);
        var response = await point.ResetAsync(type, cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "Reset", response);
    }
}
