using System.Text.Json;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>stop-session</c> {chargerId, transactionId}: OCPP RemoteStopTransaction (2.0.1: RequestStopTransaction).</summary>
public sealed class StopSessionCommand(OcppCommandTarget target) : ICloudCommand
{
    public string Name => "stop-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var transactionId = CommandArguments.RequiredInt(command, "transactionId", 0, int.MaxValue);
        var point = target.Resolve(chargerId);
        var response = await point.StopTransactionAsync(transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "RemoteStopTransaction", response);
    }
}
