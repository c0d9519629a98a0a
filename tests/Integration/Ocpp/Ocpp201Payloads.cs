namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Valid OCPP 2.0.1 payloads a station sends, as anonymous objects.</summary>
public static class Ocpp201Payloads
{
    public static readonly string[] Protocols = ["ocpp2.0.1"];

    private static readonly System.Text.Json.JsonSerializerOptions IgnoreNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static object Boot => new { reason = "PowerUp", chargingStation = new { model = "Model-2", vendorName = "Vendor-2", firmwareVersion = "2.0" } };

    public static object Status(int evseId, string connectorStatus, int connectorId = 1) => new { timestamp = "2026-12-01T08:00:00Z", connectorStatus, evseId, connectorId };

    public static object Token(string idToken) => new { idToken, type = "ISO14443" };

    public static object Energy(string timestamp, double value, string unit = "Wh") =>
        new { timestamp, sampledValue = new object[] { new { value, measurand = "Energy.Active.Import.Register", unitOfMeasure = new { unit } } } };

    public static object Currents(string timestamp, double l1, double l2, double l3, double kWh) => new
    {
        timestamp,
        sampledValue = new object[]
        {
            new { value = l1, measurand = "Current.Import", phase = "L1", unitOfMeasure = new { unit = "A" } },
            new { value = l2, measurand = "Current.Import", phase = "L2", unitOfMeasure = new { unit = "A" } },
            new { value = l3, measurand = "Current.Import", phase = "L3", unitOfMeasure = new { unit = "A" } },
            new { value = kWh, measurand = "Energy.Active.Import.Register", unitOfMeasure = new { unit = "kWh" } },
        },
    };

    public static object Event(string eventType, int seqNo, string transactionId, string timestamp, string triggerReason, object[]? meterValue = null,
        string? chargingState = null, string? stoppedReason = null, string? idToken = null, bool? offline = null) => new
    {
        eventType,
        timestamp,
        triggerReason,
        seqNo,
        offline,
        transactionInfo = new { transactionId, chargingState, stoppedReason },
        idToken = idToken is null ? null : Token(idToken),
        evse = new { id = 1, connectorId = 1 },
        meterValue,
    };

    /// <summary>A TransactionEvent without its <c>evse</c>, as a station sends it once the transaction's EVSE was named (E02).</summary>
    public static System.Text.Json.Nodes.JsonObject WithoutEvse(object transactionEvent)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(transactionEvent, IgnoreNulls)!.AsObject();
        node.Remove("evse");
        return node;
    }

    /// <summary>A TransactionEvent as a station replays it from its queue (offline true).</summary>
    public static System.Text.Json.Nodes.JsonObject Offline(object transactionEvent)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(transactionEvent, IgnoreNulls)!.AsObject();
        node["offline"] = true;
        return node;
    }
}
