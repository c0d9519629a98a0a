using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The relay's rules for OCPP 1.6: transaction ids are the central system's (StartTransaction's
/// answer), so the edge's and the upstream's are mapped both ways.
/// </summary>
public sealed class OcppUpstream16Rules : OcppUpstreamRules
{
    private const string StartTransaction = "StartTransaction";
    private const string TransactionId = "transactionId";
    private const string IdTagInfo = "idTagInfo";

    public static OcppUpstream16Rules Instance { get; } = new();

    public override IReadOnlySet<string> Queued { get; } = new HashSet<string>(
        ["BootNotification", "StatusNotification", StartTransaction, "MeterValues", "StopTransaction", "FirmwareStatusNotification", "DiagnosticsStatusNotification"],
        StringComparer.Ordinal);

    public override IReadOnlySet<string> SentAgainWhenUnanswered { get; } = new HashSet<string>([StartTransaction, "MeterValues", "StopTransaction"], StringComparer.Ordinal);

    // Not Heartbeat: the edge answers the charger's, and the link keeps the upstream's interval itself (OcppUpstreamHeartbeats).
    public override IReadOnlySet<string> Live { get; } = new HashSet<string>(["Authorize", "DataTransfer"], StringComparer.Ordinal);

    public override IReadOnlySet<string> KeptAtTheEdge { get; } = new HashSet<string>(["SetChargingProfile", "ClearChargingProfile", "GetCompositeSchedule"], StringComparer.Ordinal);

    // docs/ocpp.md, "Configuration keys the edge sets on every accepted boot", and the smart-charging keys (OCPP 1.6 section 9.4).
    public override IReadOnlySet<string> ProtectedKeys { get; } = new HashSet<string>(
        ["HeartbeatInterval", "MeterValueSampleInterval", "MeterValuesSampledData", "ChargeProfileMaxStackLevel", "ChargingScheduleAllowedChargingRateUnit",
         "ChargingScheduleMaxPeriods", "MaxChargingProfilesInstalled", "ConnectorSwitch3to1PhaseSupported"],
        StringComparer.OrdinalIgnoreCase);

    public override string? EdgeTransactionOf(string action, JsonElement request, JsonElement localAnswer) => action switch
    {
        StartTransaction => IdOf(localAnswer),
        "StopTransaction" or "MeterValues" => IdOf(request),
        _ => null,
    };

    public override string? UpstreamTransactionOf(string action, JsonElement answer) => action == StartTransaction ? IdOf(answer) : null;

    public override JsonElement? ToUpstream(OcppUpstreamMessage message, string? upstreamTransaction)
    {
        var payload = JsonDocument.Parse(message.Payload).RootElement;
        if (message.EdgeTransactionId is null || message.Action == StartTransaction)
        {
            return payload;
        }

        if (upstreamTransaction is not null && int.TryParse(upstreamTransaction, CultureInfo.InvariantCulture, out var id))
        {
            return WithProperty(payload, TransactionId, id);
        }

        // Meter values of a transaction the upstream never heard of still count as the connector's; a stop cannot go.
        return message.Action == "MeterValues" ? WithProperty(payload, TransactionId, null) : null;
    }

    public override JsonElement ToCharger(string action, JsonElement payload, Func<string, string?> edgeTransaction) =>
        UpstreamTransactionNamedBy(action, payload) is { } upstream && edgeTransaction(upstream) is { } edge && int.TryParse(edge, CultureInfo.InvariantCulture, out var id)
            ? WithProperty(payload, TransactionId, id)
            : payload;

    protected override string RemoteStart => "RemoteStartTransaction";

    public override string? UpstreamTransactionNamedBy(string action, JsonElement payload) =>
        action is "RemoteStopTransaction" or "GetCompositeSchedule" ? IdOf(payload) : null;

    public override string? ProtectedKeyChangedBy(string action, JsonElement payload) =>
        action == "ChangeConfiguration" && payload.TryGetProperty("key", out var key) && key.GetString() is { } name && ProtectedKeys.Contains(name) ? name : null;

    public override JsonElement RefusedChange(string action, JsonElement payload) => JsonSerializer.SerializeToElement(new JsonObject { ["status"] = "Rejected" });

    public override JsonElement Merge(string action, JsonElement localAnswer, JsonElement upstreamAnswer) => action switch
    {
        "Authorize" or "DataTransfer" => upstreamAnswer,
        StartTransaction or "StopTransaction" => WithPropertyOf(localAnswer, upstreamAnswer, IdTagInfo),
        _ => localAnswer,
    };

    public override bool RefusedStart(string action, JsonElement answer) =>
        action == StartTransaction && answer.TryGetProperty(IdTagInfo, out var info) && info.TryGetProperty("status", out var status) && status.GetString() != "Accepted";

    private static string? IdOf(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(TransactionId, out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetRawText()
            : null;
}
