using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>The JSON shapes of docs/mqtt.md, field by field.</summary>
public sealed class CloudPayloadsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_has_online_version_startedAt_and_ts_in_utc()
    {
        var json = CloudPayloads.Status(new StatusPayload(false, "0.1.0", At, At.AddMinutes(1)));
        Assert.Equal("""{"online":false,"version":"0.1.0","startedAt":"2026-11-24T06:00:00+00:00","ts":"2026-11-24T06:01:00+00:00"}""", json);
    }

    [Fact]
    public void Session_has_the_contract_fields_with_nulls_for_modbus()
    {
        var json = JsonDocument.Parse(CloudPayloads.Session(new ChargingSession("s1", "wb-05", 1, null, null, At, At.AddHours(1), 7123.456, "EVDisconnected"))).RootElement;
        Assert.Equal(
            ["id", "chargerId", "connectorId", "transactionId", "idTag", "startedAt", "stoppedAt", "energyWh", "stopReason"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("transactionId").ValueKind);
        Assert.Equal(7123.5, json.GetProperty("energyWh").GetDouble());
    }

    [Fact]
    public void Event_has_the_contract_fields()
    {
        var json = JsonDocument.Parse(CloudPayloads.Event(new EdgeEvent("e1", At, "warning", "grid", "grid.fallback.started", "meter silent"))).RootElement;
        Assert.Equal(["id", "ts", "severity", "source", "code", "message"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Telemetry_is_compact_and_has_the_contract_fields()
    {
        var status = new SiteStatus(
            At, "garage-42", 3, "fair-share", new GridView(null, 32, true, null), [6.04, 6, 0],
            [new ChargerView("CP001", false, "timeout", [new ConnectorView(1, "unavailable", [0, 0, 0], null, null, false)])], 1.23456);
        var text = CloudPayloads.Telemetry(status);
        var json = JsonDocument.Parse(text).RootElement;

        Assert.DoesNotContain(' ', text);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("grid").GetProperty("currentA").ValueKind);
        Assert.True(json.GetProperty("grid").GetProperty("fallback").GetBoolean());
        Assert.Equal([6, 6, 0], json.GetProperty("allocatedA").EnumerateArray().Select(e => e.GetDouble()));
        var connector = json.GetProperty("chargers")[0].GetProperty("connectors")[0];
        Assert.Equal(["id", "state", "currentA", "limitA"], connector.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, connector.GetProperty("limitA").ValueKind);
        Assert.Equal(1.23, json.GetProperty("cycleMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("latency").ValueKind);
    }

    [Fact]
    public void Telemetry_carries_the_latency_summary_of_the_interval()
    {
        var status = new SiteStatus(At, "garage-42", 3, "fair-share", new GridView([1, 2, 3], 80, false, At), [6, 6, 0], [], 0.4)
        {
            Latency = new LatencySummary(20, 1.5, 7.25, 9, 10),
        };

        var latency = JsonDocument.Parse(CloudPayloads.Telemetry(status)).RootElement.GetProperty("latency");

        Assert.Equal(["count", "p50Ms", "p99Ms", "maxMs", "windowS"], latency.EnumerateObject().Select(p => p.Name));
        Assert.Equal(20, latency.GetProperty("count").GetInt32());
        Assert.Equal(7.25, latency.GetProperty("p99Ms").GetDouble());
    }
}
