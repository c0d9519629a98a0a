using System.Text.Json;
using ChargeNet.EdgeAgent.Gpio;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>acknowledge-emergency-stop</c>: releases the emergency stop's latch once the input is no longer
/// active, as the page's button does; refused while it is, or when nothing is latched.
/// </summary>
public sealed class AcknowledgeEmergencyStopCommand(SiteGpio gpio) : ICloudCommand
{
    public string Name => "acknowledge-emergency-stop";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var id = CommandArguments.RequiredString(command, "id");
        var outcome = await gpio.AcknowledgeEmergencyStopAsync("cloud command " + id, cancellationToken).ConfigureAwait(false);
        if (EmergencyStopText.Refusal(outcome) is { } refusal)
        {
            throw new CloudCommandException(refusal);
        }

        var state = gpio.EmergencyStop;
        return CommandResults.Of(new System.Text.Json.Nodes.JsonObject { ["latched"] = state.Latched, ["inputActive"] = state.InputActive });
    }
}
