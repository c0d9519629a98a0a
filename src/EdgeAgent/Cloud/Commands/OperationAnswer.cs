using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>An operation's result as a command's answer (docs/mqtt.md): <c>{"chargerId","status"}</c> when done, else the refusal's words as the error.</summary>
public static class OperationAnswer
{
    public static JsonElement? Of(OperationResult result) => result.Ok
        ? CommandResults.Of(new Dictionary<string, string> { ["chargerId"] = result.ChargerId, ["status"] = result.Status ?? "" })
        : throw new CloudCommandException(result.Message);
}
