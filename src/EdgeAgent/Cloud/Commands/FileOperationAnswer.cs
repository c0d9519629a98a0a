using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// A firmware or log request's outcome as a command's answer (docs/mqtt.md): <c>{"chargerId","status","fileName"}</c> when done,
/// else the refusal's words as the error. The signed URL the charger got is not sent: it grants its file to whoever holds it.
/// </summary>
public static class FileOperationAnswer
{
    public static JsonElement? Of(ChargerFileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Result;
        return result.Ok
            ? CommandResults.Of(new JsonObject { ["chargerId"] = result.ChargerId, ["status"] = result.Status ?? "", ["fileName"] = outcome.FileName })
            : throw new CloudCommandException(result.Message);
    }
}
