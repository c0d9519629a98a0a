using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Every call the central system makes, received by a strict charge point (ocpp-rpc checks each against the schema), and its answer read back.</summary>
public sealed class OcppCentralSystemCallsTests
{
    [Fact]
    public async Task Every_central_system_call_of_the_six_profiles_reaches_a_strict_charge_point_and_its_answer_is_read()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CALLS-1", settings: new() { SetConfigurationOnBoot = false });
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CALLS-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var cp = host.Server.GetChargePoint("CALLS-1");
        var ct = CancellationToken.None;
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("Accepted", (await Expect(peer, "RemoteStartTransaction", () => cp.RemoteStartTransactionAsync("TAG", 1, ct), p => Assert.Equal("TAG", p.GetProperty("idTag").GetString()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "RemoteStopTransaction", () => cp.RemoteStopTransactionAsync(5, ct), p => Assert.Equal(5, p.GetProperty("transactionId").GetInt32()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "Reset", () => cp.ResetAsync("Soft", ct), p => Assert.Equal("Soft", p.GetProperty("type").GetString()))).Status);
        Assert.Equal("Scheduled", (await Expect(peer, "ChangeAvailability", () => cp.ChangeAvailabilityAsync(0, "Inoperative", ct), p => Assert.Equal("Inoperative", p.GetProperty("type").GetString()))).Status);
        Assert.Equal("Unlocked", (await Expect(peer, "UnlockConnector", () => cp.UnlockConnectorAsync(1, ct), p => Assert.Equal(1, p.GetProperty("connectorId").GetInt32()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "ClearCache", () => cp.ClearCacheAsync(ct), _ => { })).Status);
        Assert.Equal("Accepted", (await Expect(peer, "ChangeConfiguration", () => cp.ChangeConfigurationAsync("HeartbeatInterval", "60", ct), p => Assert.Equal("60", p.GetProperty("value").GetString()))).Status);
        var configuration = await Expect(peer, "GetConfiguration", () => cp.GetConfigurationAsync(["HeartbeatInterval", "Nope"], ct), p => Assert.Equal(2, p.GetProperty("key").GetArrayLength()));
        Assert.Equal(("300", "Nope"), (configuration.ConfigurationKey![0].Value, configuration.UnknownKey![0]));
        Assert.Equal("pong", (await Expect(peer, "DataTransfer", () => cp.DataTransferAsync("com.example", "ping", "x", ct), p => Assert.Equal("com.example", p.GetProperty("vendorId").GetString()))).Data);
        Assert.Equal("diagnostics.zip", (await Expect(peer, "GetDiagnostics", () => cp.GetDiagnosticsAsync(new Uri("http://edge:9000/ocpp-files/diagnostics/CALLS-1"), ct), p => Assert.StartsWith("http://edge", p.GetProperty("location").GetString(), StringComparison.Ordinal))).FileName);
        await Expect(peer, "UpdateFirmware", () => cp.UpdateFirmwareAsync(new Uri("http://edge:9000/ocpp-files/firmware/fw.bin"), at, ct), p => Assert.Equal(at, p.GetProperty("retrieveDate").GetDateTimeOffset()));
        Assert.Equal(3, (await Expect(peer, "GetLocalListVersion", () => cp.GetLocalListVersionAsync(ct), _ => { })).ListVersion);
        Assert.Equal("Accepted", (await Expect(peer, "SendLocalList", () => cp.SendLocalListAsync(4, "Full", [new AuthorizationData("TAG", new IdTagInfo(AuthorizationStatus.Accepted, at))], ct), p => Assert.Equal("TAG", p.GetProperty("localAuthorizationList")[0].GetProperty("idTag").GetString()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "ReserveNow", () => cp.ReserveNowAsync(1, at, "TAG", 11, ct), p => Assert.Equal(11, p.GetProperty("reservationId").GetInt32()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "CancelReservation", () => cp.CancelReservationAsync(11, ct), _ => { })).Status);
        Assert.Equal("Accepted", (await Expect(peer, "TriggerMessage", () => cp.TriggerMessageAsync("StatusNotification", 1, ct), p => Assert.Equal("StatusNotification", p.GetProperty("requestedMessage").GetString()))).Status);
        var profile = new ChargingProfile(1, 2, ChargingProfilePurposeType.ChargePointMaxProfile, ChargingProfileKindType.Absolute, new ChargingSchedule(ChargingRateUnitType.W, [new ChargingSchedulePeriod(0, 11000m)], StartSchedule: at));
        Assert.Equal("Accepted", (await Expect(peer, "SetChargingProfile", () => cp.SetChargingProfileAsync(0, profile, ct), p => Assert.Equal("W", p.GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingRateUnit").GetString()))).Status);
        Assert.Equal("Accepted", (await Expect(peer, "ClearChargingProfile", () => cp.ClearChargingProfileAsync(null, 0, ChargingProfilePurposeType.ChargePointMaxProfile, null, ct), p => Assert.Equal("ChargePointMaxProfile", p.GetProperty("chargingProfilePurpose").GetString()))).Status);
        Assert.Equal("Rejected", (await Expect(peer, "GetCompositeSchedule", () => cp.GetCompositeScheduleAsync(1, TimeSpan.FromHours(1), ChargingRateUnitType.A, ct), p => Assert.Equal(3600, p.GetProperty("duration").GetInt32()))).Status);

        // A CALLERROR from the charge point and an answer outside the schema both surface as errors.
        await peer.SetReplyAsync("Reset", new { error = "NotSupported" });
        Assert.Equal("NotSupported", (await Assert.ThrowsAsync<OcppRpcException>(() => cp.ResetAsync("Hard", ct))).ErrorCode);
    }

    [Fact]
    public async Task The_charge_point_side_messages_of_firmware_and_diagnostics_are_kept_and_published()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("FW-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "FW-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await peer.CallOkAsync("FirmwareStatusNotification", new { status = "InstallationFailed" });
        await peer.CallOkAsync("DiagnosticsStatusNotification", new { status = "Uploaded" });
        Assert.Equal("UnknownVendorId", (await peer.CallOkAsync("DataTransfer", new { vendorId = "com.example" })).GetProperty("status").GetString());

        var cp = host.Server.GetChargePoint("FW-1");
        Assert.Equal(("InstallationFailed", "Uploaded"), (cp.FirmwareStatus, cp.DiagnosticsStatus));
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.firmware" && e.Severity == "warning");
    }

    [Fact]
    public async Task Keys_the_charge_point_refuses_on_boot_are_recorded_and_reported()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("KEYS-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.SetReplyAsync("ChangeConfiguration", new { status = "NotSupported" });
        await peer.ConnectAsync(host.BaseUrl, "KEYS-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var cp = host.Server.GetChargePoint("KEYS-1");
        await OcppCoreMessagesTests.WaitUntilAsync(() => cp.BootFollowUpDoneAt is not null);
        Assert.Equal(["HeartbeatInterval", "MeterValueSampleInterval", "MeterValuesSampledData"], cp.RefusedKeys);
        Assert.Equal(3, host.Events.Events.Count(e => e.Code == "ocpp.config-key-refused"));
    }

    private static async Task<T> Expect<T>(OcppPeer peer, string action, Func<Task<T>> call, Action<System.Text.Json.JsonElement> checkRequest)
    {
        var incoming = peer.ExpectIncomingCall(action);
        var answer = await call();
        checkRequest(await OcppPeer.WaitForIncomingCallAsync(incoming));
        return answer;
    }
}
