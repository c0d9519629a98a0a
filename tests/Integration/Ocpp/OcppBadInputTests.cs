using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Bad input from a charge point: the right CALLERROR, the connection kept, nothing recorded, nothing lost.</summary>
public sealed class OcppBadInputTests
{
    private const string ValidStart = "{\"connectorId\":1,\"idTag\":\"TAG\",\"meterStart\":0,\"timestamp\":\"2026-11-24T05:00:00Z\"}";

    public static TheoryData<string, string, string> BadFrames => new()
    {
        { "[2,\"m-json\",\"Heartbeat\",{", "-1", "FormationViolation" },
        { "{\"not\":\"an array\"}", "-1", "FormationViolation" },
        { "[2,\"m-short\",\"Heartbeat\"]", "m-short", "ProtocolError" },
        { "[2,\"m-long\",\"Heartbeat\",{},{}]", "m-long", "ProtocolError" },
        { "[2,\"m-payload\",\"Heartbeat\",[]]", "m-payload", "FormationViolation" },
        { "[7,\"m-type\",\"Heartbeat\",{}]", "m-type", "ProtocolError" },
        { "[2,\"m-unknown\",\"MakeCoffee\",{}]", "m-unknown", "NotImplemented" },
        { "[2,\"m-direction\",\"Reset\",{\"type\":\"Hard\"}]", "m-direction", "NotSupported" },
        { "[2,\"m-wrongtype\",\"StatusNotification\",{\"connectorId\":\"one\",\"errorCode\":\"NoError\",\"status\":\"Available\"}]", "m-wrongtype", "TypeConstraintViolation" },
        { "[2,\"m-missing\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"TAG\",\"timestamp\":\"2026-11-24T05:00:00Z\"}]", "m-missing", "OccurenceConstraintViolation" },
        { "[2,\"m-enum\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}]", "m-enum", "PropertyConstraintViolation" },
        { "[2,\"m-length\",\"Authorize\",{\"idTag\":\"123456789012345678901\"}]", "m-length", "PropertyConstraintViolation" },
        { "[2,\"m-date\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"TAG\",\"meterStart\":0,\"timestamp\":\"yesterday\"}]", "m-date", "PropertyConstraintViolation" },
        { "[2,\"m-extra\",\"Heartbeat\",{\"surprise\":1}]", "m-extra", "FormationViolation" },
        { "[2,\"m-range\",\"StartTransaction\",{\"connectorId\":99999999999,\"idTag\":\"TAG\",\"meterStart\":0,\"timestamp\":\"2026-11-24T05:00:00Z\"}]", "m-range", "PropertyConstraintViolation" },
    };

    [Fact]
    public async Task Every_bad_frame_gets_its_CALLERROR_changes_nothing_and_the_connection_stays_usable()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("BAD-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "BAD-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        foreach (var row in BadFrames)
        {
            var (frame, expectedId, expectedCode) = ((string)row[0], (string)row[1], (string)row[2]);
            var reply = await peer.SendRawAsync(frame, $"[4,\"{expectedId}\"");
            Assert.True(expectedCode == reply[2].GetString(), $"{frame} → {reply}");
            Assert.False(string.IsNullOrWhiteSpace(reply[3].GetString()), "the description says what is wrong");
        }

        Assert.Empty(host.Store.Starts);
        Assert.Equal("Accepted", (await peer.CallOkAsync("Authorize", new { idTag = "STILL-HERE" })).GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.True(host.Server.GetChargePoint("BAD-1").IsConnected);
    }

    [Fact]
    public async Task A_repeated_message_id_is_answered_again_and_recorded_once()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("DUP-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "DUP-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        var first = await peer.SendRawAsync($"[2,\"dup-start\",\"StartTransaction\",{ValidStart}]", "[3,\"dup-start\"");
        var second = await peer.SendRawAsync($"[2,\"dup-start\",\"StartTransaction\",{ValidStart}]", "[3,\"dup-start\"");
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Single(host.Store.Starts);

        var stop = $"{{\"transactionId\":{first[2].GetProperty("transactionId").GetInt32()},\"meterStop\":500,\"timestamp\":\"2026-11-24T05:30:00Z\"}}";
        await peer.SendRawAsync($"[2,\"dup-stop\",\"StopTransaction\",{stop}]", "[3,\"dup-stop\"");
        await peer.SendRawAsync($"[2,\"dup-stop\",\"StopTransaction\",{stop}]", "[3,\"dup-stop\"");
        Assert.Single(host.Store.Sessions);
        Assert.Single(host.Events.Events, e => e.Code == "ocpp.session-finished");
    }

    [Fact]
    public async Task An_oversized_frame_closes_with_1009_and_the_next_connection_works()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("BIG-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "BIG-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        var closed = peer.ExpectClosed();
        var huge = JsonSerializer.Serialize(new object[] { 2, "huge", "DataTransfer", new { vendorId = "X", data = new string('x', 70 * 1024) } });
        await peer.CommandAsync(new JsonObject { ["op"] = "raw", ["data"] = huge });
        Assert.Equal(1009, JsonDocument.Parse(await closed).RootElement.GetProperty("code").GetInt32());

        await peer.ConnectAsync(host.BaseUrl, "BIG-1", client: "b");
        Assert.Equal("UnknownVendorId", (await peer.CallOkAsync("DataTransfer", new { vendorId = "X", data = "small" }, "b")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_flood_of_calls_is_answered_in_full_and_the_connection_stays()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("FLOOD-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "FLOOD-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        var flood = await peer.CommandAsync(new JsonObject { ["op"] = "flood", ["action"] = "Heartbeat", ["count"] = 2000 });
        Assert.True(flood.GetProperty("ok").GetBoolean(), flood.ToString());
        Assert.Equal(2000, flood.GetProperty("results").GetInt32());
        Assert.Equal(0, flood.GetProperty("errors").GetInt32());
        await peer.CallOkAsync("Heartbeat", new { });
    }
}
