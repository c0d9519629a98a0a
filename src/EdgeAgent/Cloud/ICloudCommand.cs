using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// One command the cloud may send on <c>cmd/{Name}</c>. Validates its arguments before it changes
/// anything; refuses with <see cref="CloudCommandException"/> (the message is the error returned).
/// </summary>
public interface ICloudCommand
{
    string Name { get; }

    /// <returns>The <c>result</c> of the answer, or null.</returns>
    Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken);
}
