using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// Answers the upstream's calls to a virtual charger as an OCPP 1.6 charge point with no
/// configuration of its own would (docs/upstream.md, "Virtual chargers"): remote start and stop
/// through the host, where the charger can do it; an empty configuration; everything else
/// NotImplemented.
/// </summary>
internal sealed class OcppVirtualChargePointCalls(string chargerId, IOcppVirtualChargerControl control, OcppUpstreamRelay relay) : IOcppCallHandler
{
    public async ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken)
    {
        var payload = incoming.Payload;
        JsonObject? answer = incoming.Action switch
        {
            "RemoteStartTransaction" => Status(await control.RemoteStartAsync(
                chargerId,
                payload.TryGetProperty("connectorId", out var connector) && connector.TryGetInt32(out var id) ? id : 1,
                payload.GetProperty("idTag").GetString()!,
                cancellationToken).ConfigureAwait(false)),
            "RemoteStopTransaction" => Status(await RemoteStopAsync(payload, cancellationToken).ConfigureAwait(false)),
            "GetConfiguration" => new JsonObject
            {
                ["configurationKey"] = new JsonArray(),
                ["unknownKey"] = payload.TryGetProperty("key", out var keys) ? JsonNode.Parse(keys.GetRawText()) : new JsonArray(),
            },
            "ChangeConfiguration" => new JsonObject { ["status"] = "NotSupported" },
            "TriggerMessage" => new JsonObject { ["status"] = "NotImplemented" },
            _ => null,
        };
        return answer is null
            ? new OcppCallError(incoming.MessageId, OcppErrorCode.NotImplemented, $"{incoming.Action} is not available on a virtual charger")
            : new OcppCallResult(incoming.MessageId, JsonSerializer.SerializeToElement(answer));
    }

    private async Task<bool> RemoteStopAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var upstream = payload.GetProperty("transactionId").GetRawText();
        return await relay.Outbox.EdgeTransactionIdAsync(chargerId, upstream, cancellationToken).ConfigureAwait(false) is { } edge
            && await control.RemoteStopAsync(chargerId, edge, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Status(bool accepted) => new() { ["status"] = accepted ? "Accepted" : "Rejected" };
}
