using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.LocalList;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>send-local-list</c> {chargerId}: sends the edge's stored local authorization list to the
/// charger now, also when its version already matches (a forced resync), through the same
/// <see cref="LocalListSync"/> as every other push: cut to the charger's limits, one Full update
/// and Differential ones with rising versions.
/// </summary>
public sealed class SendLocalListCommand(OcppCommandTarget target, LocalListSync sync) : ICloudCommand
{
    public string Name => "send-local-list";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var outcome = await sync.SyncAsync(target.Resolve(chargerId, Name), force: true, cancellationToken).ConfigureAwait(false);
        return outcome.Result switch
        {
            LocalListSyncResult.Sent => CommandResults.Of(new JsonObject
            {
                ["chargerId"] = chargerId,
                ["status"] = "Accepted",
                ["listVersion"] = outcome.EdgeVersion,
                ["entries"] = outcome.Entries,
                ["messages"] = outcome.MessagesAccepted,
            }),
            LocalListSyncResult.NoEdgeList => throw new CloudCommandException("the edge has no local authorization list (version 0); nothing was sent"),
            LocalListSyncResult.NotSupported => throw new CloudCommandException($"charger '{chargerId}' has no local authorization list (GetLocalListVersion -1)"),
            LocalListSyncResult.ListTooLong => throw new CloudCommandException(
                $"the list has {outcome.Entries} entries; charger '{chargerId}' holds at most {outcome.Limits?.LocalAuthListMaxLength} (LocalAuthListMaxLength); nothing was sent"),
            LocalListSyncResult.VersionTooLow => throw new CloudCommandException(
                $"the list (version {outcome.EdgeVersion}) needs more messages than versions up to {outcome.EdgeVersion} for charger '{chargerId}'; nothing was sent"),
            _ => throw new CloudCommandException($"charger '{chargerId}': local list not sent ({outcome.Result}: {outcome.Detail})"),
        };
    }
}
