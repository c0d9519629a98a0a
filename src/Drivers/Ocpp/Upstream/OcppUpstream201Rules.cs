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

    // The variables the edge sets on every accepted boot (docs/ocpp.md) and the smart-charging controller, as component.variable
    // (OCPP 2.0.1 Part 2, appendix 2; "*" is every variable of the component): matched by the variable's name alone, none of
    // these matched what a SetVariables carries (SampledDataCtrlr with TxUpdatedInterval), and an upstream's interval of 900 s
    // reached the station.
    public override IReadOnlySet<string> ProtectedKeys { get; } = new HashSet<string>(
        ["OCPPCommCtrlr.HeartbeatInterval", "SampledDataCtrlr.TxUpdatedInterval", "SampledDataCtrlr.TxUpdatedMeasurands", "SampledDataCtrlr.Enabled",
         "AlignedDataCtrlr.Interval", "AlignedDataCtrlr.Measurands", "SmartChargingCtrlr.*"],
        StringComparer.OrdinalIgnoreCase);

    // The station's own id, the same upstream: it marks a TransactionEvent as a transaction's message, never
    // dropped from a full queue (docs/upstream.md, "Retention"); the upstream gives none back, so nothing is mapped.
    public override string? EdgeTransactionOf(string action, JsonElement request, JsonElement localAnswer) =>
        action == "TransactionEvent" && request.TryGetProperty("transactionInfo", out var info) && info.TryGetProperty("transactionId", out var id) ? id.GetString() : null;

    public override string? UpstreamTransactionOf(string action, JsonElement answer) => null;

    public override JsonElement? ToUpstream(OcppUpstreamMessage message, string? upstreamTransaction) => JsonDocument.Parse(message.Payload).RootElement;

    public override JsonElement ToCharger(string action, JsonElement payload, Func<string, string?> edgeTransaction) => payload;

    protected override string RemoteStart => "RequestStartTransaction";

    public override string? UpstreamTransactionNamedBy(string action, JsonElement payload) => null;

    public override string? ProtectedKeyChangedBy(string action, JsonElement payload)
    {
        if (action != "SetVariables" || !payload.TryGetProperty("setVariableData", out var data))
        {
            return null;
        }

        return data.EnumerateArray()
            .Select(d => (Component: d.GetProperty("component").GetProperty("name").GetString(), Variable: d.GetProperty("variable").GetProperty("name").GetString()))
            .Where(d => d.Component is not null && d.Variable is not null)
            .Select(d => $"{d.Component}.{d.Variable}")
            .FirstOrDefault(key => ProtectedKeys.Contains(key) || ProtectedKeys.Contains(key[..(key.IndexOf('.', StringComparison.Ordinal) + 1)] + "*"));
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
