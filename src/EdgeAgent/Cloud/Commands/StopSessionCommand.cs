using System.Text.Json;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>stop-session</c> {chargerId, transactionId}: OCPP RemoteStopTransaction.</summary>
public sealed class StopSessionCommand(OcppCommandTarget target) : ICloudCommand
{
    public string Name => "stop-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var transactionId = CommandArguments.RequiredInt(command, "transactionId", 0, int.MaxValue);
        var point = target.Resolve(chargerId);
        var response = await point.RemoteStopTransactionAsync(transactionId, cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "RemoteStopTransaction", response);
    }
}
