using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The relay's rules for OCPP 2.0.1: a transaction's id is the charging station's own
/// (TransactionEvent's <c>transactionId</c>), the same for the edge and the upstream, so nothing is mapped.
/// </summary>
public sealed class OcppUpstream201Rules : OcppUpstreamRules
{
    public static OcppUpstream201Rules Instance { get; } = new();

    public override IReadOnlySet<string> Queued { get; } = new HashSet<string>(
        ["BootNotification", "StatusNotification", "TransactionEvent", "MeterValues", "FirmwareStatusNotification", "LogStatusNotification"],
        StringComparer.Ordinal);

    public override IReadOnlySet<string> SentAgainWhenUnanswered { get; } = new HashSet<string>(["TransactionEvent", "MeterValues"], StringComparer.Ordinal);

    // Not Heartbeat: the edge answers the charger's, and the link keeps the upstream's interval itself (OcppUpstreamHeartbeats).
    public override IReadOnlySet<string> Live { get; } = new HashSet<string>(["Authorize", "DataTransfer"], StringComparer.Ordinal);

    public override IReadOnlySet<string> KeptAtTheEdge { get; } = new HashSet<string>(["SetChargingProfile", "ClearChargingProfile", "GetCompositeSchedule", "GetChargingProfiles"], StringComparer.Ordinal);

    // OCPP 2.0.1 Part 2 appendix: the sampling and smart-charging variables the edge depends on.
    public override IReadOnlySet<string> ProtectedKeys { get; } = new HashSet<string>(
        ["Interval", "SampledDataTxUpdatedInterval", "SampledDataTxUpdatedMeasurands", "AlignedDataInterval", "AlignedDataMeasurands"],
        StringComparer.OrdinalIgnoreCase);

    // The station's own id, the same upstream: it marks a TransactionEvent as a transaction's message, never
    // dropped from a full queue (docs/upstream.md, "Retention"); the upstream gives none back, so nothing is mapped.
    public override string? EdgeTransactionOf(string action, JsonElement request, JsonElement localAnswer) =>
        action == "TransactionEvent" && request.TryGetProperty("transactionInfo", out var info) && info.TryGetProperty("transactionId", out var id) ? id.GetString() : null;

    public override string? UpstreamTransactionOf(string action, JsonElement answer) => null;

    public override JsonElement? ToUpstream(OcppUpstreamMessage message, string? upstreamTransaction) => JsonDocument.Parse(message.Payload).RootElement;

    public override JsonElement ToCharger(string action, JsonElement payload, Func<string, string?> edgeTransaction) => payload;

    public override string? UpstreamTransactionNamedBy(string action, JsonElement payload) => null;

    public override string? ProtectedKeyChangedBy(string action, JsonElement payload)
    {
        if (action != "SetVariables" || !payload.TryGetProperty("setVariableData", out var data))
        {
            return null;
        }

        return data.EnumerateArray()
            .Select(d => d.GetProperty("variable").GetProperty("name").GetString())
            .FirstOrDefault(name => name is not null && ProtectedKeys.Contains(name));
    }

    public override JsonElement RefusedChange(string action, JsonElement payload)
    {
        // Every variable of the call is answered Rejected: the edge applies none of a call that touches a protected one.
        var results = new JsonArray();
        foreach (var d in payload.GetProperty("setVariableData").EnumerateArray())
        {
            results.Add(new JsonObject
            {
                ["attributeStatus"] = "Rejected",
                ["component"] = JsonNode.Parse(d.GetProperty("component").GetRawText()),
                ["variable"] = JsonNode.Parse(d.GetProperty("variable").GetRawText()),
            });
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["setVariableResult"] = results });
    }

    public override JsonElement Merge(string action, JsonElement localAnswer, JsonElement upstreamAnswer) => action switch
    {
        "Authorize" or "DataTransfer" => upstreamAnswer,
        "TransactionEvent" => WithPropertyOf(localAnswer, upstreamAnswer, "idTokenInfo"),
        _ => localAnswer,
    };

    public override bool RefusedStart(string action, JsonElement answer) =>
        action == "TransactionEvent" && answer.TryGetProperty("idTokenInfo", out var info) && info.TryGetProperty("status", out var status) && status.GetString() != "Accepted";
}
