using System.Text.Json;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>start-session</c> {chargerId, connectorId?, idTag}: OCPP RemoteStartTransaction (2.0.1: RequestStartTransaction).</summary>
public sealed class StartSessionCommand(OcppCommandTarget target) : ICloudCommand
{
    public string Name => "start-session";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var idTag = CommandArguments.RequiredString(command, "idTag");
        if (idTag.Length > 20)
        {
            throw new CloudCommandException("'idTag' must be at most 20 characters (OCPP 1.6 IdToken)");
        }

        var connectorId = CommandArguments.OptionalInt(command, "connectorId", 1, 100);
        var point = target.Resolve(chargerId);
        var response = await point.StartTransactionAsync(idTag, connectorId, cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "RemoteStartTransaction", response);
    }
}
