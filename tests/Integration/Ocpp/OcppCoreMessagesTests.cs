using ChargeNet.Drivers.Ocpp.Ports;
using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The Core profile against an independent charge point (npm ocpp-rpc, strict mode).</summary>
public sealed class OcppCoreMessagesTests
{
    [Fact]
    public async Task A_configured_charge_point_boots_reports_and_runs_a_transaction_that_becomes_one_session()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CP001");
        await using var peer = await OcppPeer.StartAsync();
        var connected = await peer.ConnectAsync(host.BaseUrl, "CP001");
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + peer.Output);

        var configuration = peer.ExpectIncomingCall("ChangeConfiguration");
        var boot = await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        Assert.Equal("Accepted", boot.GetProperty("status").GetString());
        Assert.Equal(300, boot.GetProperty("interval").GetInt32());
        Assert.Equal("HeartbeatInterval", (await OcppPeer.WaitForIncomingCallAsync(configuration)).GetProperty("key").GetString());

        var heartbeat = await peer.CallOkAsync("Heartbeat", new { });
        Assert.True(heartbeat.GetProperty("currentTime").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        await peer.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Preparing"));
        var authorize = await peer.CallOkAsync("Authorize", new { idTag = "TAG-1" });
        Assert.Equal("Accepted", authorize.GetProperty("idTagInfo").GetProperty("status").GetString());

        var start = await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-1", 1000, "2026-11-24T05:00:00Z"));
        var transactionId = start.GetProperty("transactionId").GetInt32();
        Assert.Equal("Accepted", start.GetProperty("idTagInfo").GetProperty("status").GetString());
        await peer.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"));
        await peer.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transactionId, 15.5, 15.25, 14.75, 16, 2500));

        var charger = new OcppCharger(host.Server, "CP001");
        var status = await charger.ReadStatusAsync(CancellationToken.None);
        Assert.True(status.Online);
        var connector = Assert.Single(status.Connectors);
        Assert.Equal(ConnectorState.Charging, connector.State);
        Assert.Equal(new PhaseValues(15.5, 15.25, 14.75), connector.CurrentA);
        Assert.Equal(2500, connector.EnergyWh);
        Assert.Null(connector.LimitA); // Current.Offered is what the charger offers, not a limit this edge had accepted

        Assert.Single(host.Store.MeterValues);

        var stop = await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 9000, "2026-11-24T06:00:00Z"));
        Assert.Equal(JsonValueKind.Undefined, stop.TryGetProperty("idTagInfo", out var info) ? info.ValueKind : JsonValueKind.Undefined);
        var session = Assert.Single(host.Store.Sessions);
        Assert.Equal(("CP001", 1, ChargerTransactionId.FromNumber(transactionId), "TAG-1", 8000.0, "EVDisconnected"), (session.ChargePointId, session.ConnectorId, session.TransactionId, session.IdTag, session.EnergyWh, session.StopReason));
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.session-finished" && e.ChargePointId == "CP001");
    }

    [Fact]
    public async Task An_unknown_tag_is_refused_when_the_policy_accepts_known_tags_only_and_the_local_list_decides()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CP002");
        host.Authorizer.Policy = ChargeNet.Drivers.Ocpp.Ports.OcppUnknownTagPolicy.AcceptKnownOnly;
        host.Authorizer.UpdateLocalList(1, [new("GOOD", new(ChargeNet.Drivers.Ocpp.V16.Messages.AuthorizationStatus.Accepted)), new("BLOCKED", new(ChargeNet.Drivers.Ocpp.V16.Messages.AuthorizationStatus.Blocked))], full: true);
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CP002");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        Assert.Equal("Accepted", (await peer.CallOkAsync("Authorize", new { idTag = "GOOD" })).GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.Equal("Blocked", (await peer.CallOkAsync("Authorize", new { idTag = "BLOCKED" })).GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.Equal("Invalid", (await peer.CallOkAsync("Authorize", new { idTag = "STRANGER" })).GetProperty("idTagInfo").GetProperty("status").GetString());

        // A start with a refused tag is still answered with a transaction id and recorded.
        var start = await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "STRANGER", 0, "2026-11-24T05:00:00Z"));
        Assert.Equal("Invalid", start.GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.Contains(host.Store.Starts.Values, s => s.IdTag == "STRANGER");
    }

    [Fact]
    public async Task SetCurrentLimit_sends_a_TxDefaultProfile_in_amperes_and_a_rejection_leaves_the_limit_unknown()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CP003", settings: new() { StackLevel = 7 });
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CP003");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await WaitUntilAsync(() => host.Server.GetChargePoint("CP003").BootFollowUpDoneAt is not null);
        var charger = new OcppCharger(host.Server, "CP003");

        var sent = peer.ExpectIncomingCall("SetChargingProfile");
        var result = await charger.SetCurrentLimitAsync(1, 13.37, CancellationToken.None);
        Assert.Equal(SetpointOutcome.Accepted, result.Outcome);
        var request = await OcppPeer.WaitForIncomingCallAsync(sent);
        Assert.Equal(1, request.GetProperty("connectorId").GetInt32());
        var profile = request.GetProperty("csChargingProfiles");
        Assert.Equal(7, profile.GetProperty("stackLevel").GetInt32());
        Assert.Equal("TxDefaultProfile", profile.GetProperty("chargingProfilePurpose").GetString());
        Assert.Equal("A", profile.GetProperty("chargingSchedule").GetProperty("chargingRateUnit").GetString());
        Assert.Equal(13.3m, profile.GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());
        Assert.Equal(
            profile.GetProperty("chargingSchedule").GetProperty("startSchedule").GetDateTimeOffset().AddMinutes(11),
            profile.GetProperty("validTo").GetDateTimeOffset()); // a dead edge leaves the charger on its own default; begun a minute early for a clock behind
        Assert.Equal(13.3, host.Server.GetChargePoint("CP003").Limits.Get(1)!.InForceA);

        // No dead-band in the driver: a 0.4 A decrease goes out too.
        var small = peer.ExpectIncomingCall("SetChargingProfile");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 12.9, CancellationToken.None)).Outcome);
        Assert.Equal(12.9m, (await OcppPeer.WaitForIncomingCallAsync(small)).GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());

        var refused = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.SetReplyAsync("SetChargingProfile", new { status = "Rejected" });
        var rejected = await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        Assert.Equal(SetpointOutcome.Rejected, rejected.Outcome);
        Assert.Equal(6, (await OcppPeer.WaitForIncomingCallAsync(refused)).GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());
        Assert.Null(host.Server.GetChargePoint("CP003").Limits.Get(1)!.InForceA);
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

    [Fact]
    public async Task A_limit_to_a_disconnected_charge_point_fails_and_is_sent_again_when_it_reconnects()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CP004");
        await using var peer = await OcppPeer.StartAsync();
        var charger = new OcppCharger(host.Server, "CP004");
        var offline = await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        Assert.Equal(SetpointOutcome.Failed, offline.Outcome);

        await peer.ConnectAsync(host.BaseUrl, "CP004");
        var resent = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var profile = (await OcppPeer.WaitForIncomingCallAsync(resent)).GetProperty("csChargingProfiles");
        Assert.Equal(10, profile.GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());
        await WaitUntilAsync(() => host.Server.GetChargePoint("CP004").Limits.Get(1)?.InForceA == 10);

        // Reconnect without a new boot: the limit in force goes out again at once.
        await peer.CloseAsync();
        var again = peer.ExpectIncomingCall("SetChargingProfile", "b");
        await peer.ConnectAsync(host.BaseUrl, "CP004", client: "b");
        Assert.Equal(10, (await OcppPeer.WaitForIncomingCallAsync(again)).GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string? because = null)
    {
        var deadline = DateTime.UtcNow + OcppPeer.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because ?? "condition not met in time");
            await Task.Delay(20);
        }
    }
}
