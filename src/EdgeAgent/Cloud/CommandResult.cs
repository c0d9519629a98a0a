using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The answer to a command: <c>{"id":…,"ok":bool,"error":…,"result":…}</c>.</summary>
/// <param name="Id">The command's id; null when the command carried none (or was not JSON).</param>
/// <param name="Ok">True when the command was carried out.</param>
/// <param name="Error">Why not, in words; null when <paramref name="Ok"/>.</param>
/// <param name="Result">What the command returns, if anything.</param>
public sealed record CommandResult(string? Id, bool Ok, string? Error, JsonElement? Result)
{
    public static CommandResult Failed(string? id, string error) => new(id, false, error, null);
}
