using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>send-local-list</c> {chargerId}: sends the edge's stored local authorization list (a full
/// update, with the stored version) to the charger, so it can authorise drivers while offline.
/// </summary>
public sealed class SendLocalListCommand(OcppCommandTarget target, IEdgeStore store) : ICloudCommand
{
    public string Name => "send-local-list";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var chargerId = CommandArguments.RequiredString(command, "chargerId");
        var point = target.Resolve(chargerId);
        var version = await store.AuthorizationList.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        var entries = await store.AuthorizationList.ListAsync(cancellationToken).ConfigureAwait(false);
        var list = entries
            .Select(e => new AuthorizationData(e.IdTag, new IdTagInfo(
                Enum.TryParse<AuthorizationStatus>(e.Status, ignoreCase: true, out var status) ? status : AuthorizationStatus.Invalid,
                e.ExpiryDate,
                e.ParentIdTag)))
            .ToList();
        var response = await point.SendLocalListAsync(Math.Max(1, version), "Full", list, cancellationToken).ConfigureAwait(false);
        return OcppCommandTarget.Accepted(chargerId, "SendLocalList", response);
    }
}
