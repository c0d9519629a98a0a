using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>reset-charger</c> {chargerId, type: Soft|Hard}: OCPP Reset (2.0.1: OnIdle|Immediate).</summary>
public sealed class ResetChargerCommand(OcppCommandTarget target) : ICloudCommand
{
    public string Name => "reset-charger";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var type = command.TryGetProperty("type", out _) ? CommandArguments.OneOf(command, "type", "Soft", "Hard") : "Soft";
        var point = target.Resolve(chargerId);
        var response = await point.ResetAsync(type == "Hard" ? ChargerResetKind.Hard : ChargerResetKind.Soft, cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "Reset", response);
    }
}
