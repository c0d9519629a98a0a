using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// What a strict ocpp-rpc 2.0.1 station may tell the edge besides its transactions (K09, K12, K13, L01, N01, N07, A04),
/// each answered per its schema (ocpp-rpc checks every answer in strict mode), and the calls the edge makes for it:
/// TriggerMessage (never a BootNotification to a booted station, F06.FR.17), Reset of one EVSE, GetChargingProfiles.
/// </summary>
public sealed class Ocpp201StationMessagesTests
{
    [Fact]
    public async Task Outside_limits_are_kept_until_cleared_and_the_profiles_the_station_holds_are_read_from_its_reports()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S261");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;

        // K12: an EMS limit on EVSE 1 (occupied), a grid-critical one from the grid operator on the whole station.
        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied"));
        await peer.CallOkAsync("NotifyChargingLimit", new
        {
            evseId = 1,
            chargingLimit = new { chargingLimitSource = "EMS" },
            chargingSchedule = new[] { new { id = 1, chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 10.0 } } } },
        });
        await peer.CallOkAsync("NotifyChargingLimit", new { chargingLimit = new { chargingLimitSource = "SO", isGridCritical = true } });
        var limits = control.ExternalLimits(1);
        Assert.Equal(["EMS", "SO"], limits.Select(l => l.Source).Order());
        var ems = limits.Single(l => l.Source == "EMS");
        Assert.Equal((1, false, "A", 10.0), (ems.ConnectorId, ems.GridCritical, ems.Schedules.Single().Unit, ems.Schedules.Single().Periods.Single().Limit));
        Assert.True(limits.Single(l => l.Source == "SO").GridCritical);
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.external-limit" && e.Severity == "info" && e.Message.Contains("EVSE 1: a EMS limit (10 A)", StringComparison.Ordinal));
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.external-limit" && e.Severity == "warning" && e.Message.Contains("grid critical", StringComparison.Ordinal));

        // The charger's status tells the control loop the EMS's 10 A on EVSE 1 (the grid operator's carries no size):
        // the balancer reserves no more for it (docs/ocpp.md).
        var charger = new OcppCharger(host.Server, booted.Id);
        Assert.Equal(10, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).ExternalLimitA);

        // K13: cleared; an EVSE beyond the configured connectors is refused and keeps nothing.
        await peer.CallOkAsync("ClearedChargingLimit", new { chargingLimitSource = "EMS", evseId = 1 });
        Assert.Equal("SO", Assert.Single(control.ExternalLimits(1)).Source);
        Assert.Null((await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).ExternalLimitA);
        var beyond = await peer.CallAsync("NotifyChargingLimit", new { evseId = 99, chargingLimit = new { chargingLimitSource = "EMS" } });
        Assert.Equal("PropertyConstraintViolation", beyond.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(control.ExternalLimits(99), l => l.ConnectorId == 99);

        // K09: GetChargingProfiles, then the station's reports (in parts) with the request id it was given. What limits
        // EVSE 1 is installed on it or on the station itself (EVSE 0), which an ask for EVSE 1 would leave out: the
        // station is asked for all its profiles, and those of EVSE 1 and 0 are kept.
        await peer.SetReplyAsync("GetChargingProfiles", new { status = "Accepted" });
        var asked = peer.ExpectIncomingCall("GetChargingProfiles");
        var reading = control.ReadProfilesAsync(1, CancellationToken.None);
        var request = await OcppPeer.WaitForIncomingCallAsync(asked);
        Assert.False(request.TryGetProperty("evseId", out _), request.ToString());
        Assert.Equal("{}", request.GetProperty("chargingProfile").ToString()); // every purpose, stack level, id and source
        var requestId = request.GetProperty("requestId").GetInt32();
        await peer.CallOkAsync("ReportChargingProfiles", Report(requestId, "CSO", 9001, "TxDefaultProfile", 16.0, tbc: true));
        await peer.CallOkAsync("ReportChargingProfiles", Report(requestId + 1000, "CSO", 1, "TxProfile", 6.0, tbc: false)); // another request's: not this one's
        await peer.CallOkAsync("ReportChargingProfiles", Report(requestId, "CSO", 9002, "TxDefaultProfile", 12.0, tbc: true, evseId: 2)); // another EVSE's
        await peer.CallOkAsync("ReportChargingProfiles", Report(requestId, "CSO", 8000, "ChargingStationMaxProfile", 32.0, tbc: true, evseId: 0));
        await peer.CallOkAsync("ReportChargingProfiles", Report(requestId, "EMS", 77, "ChargingStationExternalConstraints", 10.0, tbc: false));
        var profiles = await reading.WaitAsync(OcppPeer.Timeout);
        Assert.Equal([(1, 9001, "TxDefaultProfile", "CSO", 16.0), (0, 8000, "ChargingStationMaxProfile", "CSO", 32.0), (1, 77, "ChargingStationExternalConstraints", "EMS", 10.0)],
            profiles!.Select(p => (p.ConnectorId, p.Id, p.Purpose, p.Source, p.Schedules.Single().Periods.Single().Limit)));

        // The station itself: asked for EVSE 0 alone (K09: only what is installed on the station).
        var askedStation = peer.ExpectIncomingCall("GetChargingProfiles");
        var readingStation = control.ReadProfilesAsync(0, CancellationToken.None);
        var stationRequest = await OcppPeer.WaitForIncomingCallAsync(askedStation);
        Assert.Equal(0, stationRequest.GetProperty("evseId").GetInt32());
        await peer.CallOkAsync("ReportChargingProfiles", Report(stationRequest.GetProperty("requestId").GetInt32(), "CSO", 8000, "ChargingStationMaxProfile", 32.0, tbc: false, evseId: 0));
        Assert.Equal(8000, Assert.Single((await readingStation.WaitAsync(OcppPeer.Timeout))!).Id);

        await peer.SetReplyAsync("GetChargingProfiles", new { status = "NoProfiles" });
        Assert.Empty((await control.ReadProfilesAsync(null, CancellationToken.None))!);
    }

    [Fact]
    public async Task Firmware_log_security_and_monitoring_notifications_are_answered_and_published_as_events()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S262");
        var (host, peer) = (booted.Host, booted.Peer);

        await peer.CallOkAsync("FirmwareStatusNotification", new { status = "Downloading", requestId = 5 });
        await peer.CallOkAsync("FirmwareStatusNotification", new { status = "InvalidSignature", requestId = 5 });
        await peer.CallOkAsync("LogStatusNotification", new { status = "Uploaded", requestId = 6 });
        Assert.Equal(("InvalidSignature", "Uploaded"), (booted.ChargePoint.FirmwareStatus, booted.ChargePoint.DiagnosticsStatus));
        await peer.CallOkAsync("SecurityEventNotification", new { type = "StartupOfTheDevice", timestamp = "2026-12-01T08:00:00Z" });
        await peer.CallOkAsync("SecurityEventNotification", new { type = "TamperDetectionActivated", timestamp = "2026-12-01T08:01:00Z", techInfo = "cover opened" });
        await peer.CallOkAsync("NotifyEvent", new
        {
            generatedAt = "2026-12-01T08:02:00Z",
            seqNo = 0,
            eventData = new object[]
            {
                new { eventId = 1, timestamp = "2026-12-01T08:02:00Z", trigger = "Alerting", actualValue = "71", eventNotificationType = "CustomMonitor", component = new { name = "EVSE", evse = new { id = 1 } }, variable = new { name = "Temperature" } },
                new { eventId = 2, timestamp = "2026-12-01T08:02:00Z", trigger = "Delta", actualValue = "true", eventNotificationType = "HardWiredNotification", component = new { name = "Connector", evse = new { id = 1, connectorId = 1 } }, variable = new { name = "Problem" } },
                new { eventId = 3, timestamp = "2026-12-01T08:02:00Z", trigger = "Delta", actualValue = "Occupied", eventNotificationType = "HardWiredNotification", component = new { name = "Connector" }, variable = new { name = "AvailabilityState" } },
            },
        });
        await peer.CallOkAsync("NotifyEvent", new
        {
            generatedAt = "2026-12-01T08:05:00Z",
            seqNo = 1,
            eventData = new[] { new { eventId = 2, timestamp = "2026-12-01T08:05:00Z", trigger = "Delta", actualValue = "false", eventNotificationType = "HardWiredNotification", component = new { name = "Connector" }, variable = new { name = "Problem" } } },
        });

        string[] expected =
        [
            "info ocpp.firmware Firmware: Downloading",
            "warning ocpp.firmware Firmware: InvalidSignature",
            "info ocpp.diagnostics Log upload: Uploaded",
            "info ocpp.security-event StartupOfTheDevice at 2026-12-01T08:00:00.0000000+00:00",
            "warning ocpp.security-event TamperDetectionActivated at 2026-12-01T08:01:00.0000000+00:00: cover opened",
            "warning ocpp.station-alert EVSE (EVSE 1).Temperature = 71",
            "warning ocpp.station-alert Connector (EVSE 1).Problem = true",
            "info ocpp.station-alert Connector.Problem = false, cleared",
        ];
        var published = host.Events.Events.Where(e => e.Code is "ocpp.firmware" or "ocpp.diagnostics" or "ocpp.security-event" or "ocpp.station-alert")
            .Select(e => $"{e.Severity} {e.Code} {e.Message}").ToList();
        Assert.Equal(expected, published);
    }

    [Fact]
    public async Task A_booted_station_is_never_asked_to_boot_and_other_triggers_and_an_EVSE_reset_name_their_EVSE()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S263");
        var peer = booted.Peer;
        var control = booted.ChargePoint.Control!;

        // F06.FR.17: refused by the edge, nothing sent.
        Assert.Contains("F06.FR.17", control.TriggerRefusal("BootNotification"), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => control.TriggerMessageAsync("BootNotification", null, CancellationToken.None));
        Assert.Contains("one of", control.TriggerRefusal("DiagnosticsStatusNotification"), StringComparison.Ordinal); // 1.6's name, not 2.0.1's
        Assert.Null(control.TriggerRefusal("LogStatusNotification"));

        var status = peer.ExpectIncomingCall("TriggerMessage");
        Assert.Equal(new ChargerCommandResult(true, "Accepted"), await control.TriggerMessageAsync("StatusNotification", 1, CancellationToken.None));
        var statusCall = await OcppPeer.WaitForIncomingCallAsync(status);
        Assert.Equal(("StatusNotification", 1, 1), (statusCall.GetProperty("requestedMessage").GetString(), statusCall.GetProperty("evse").GetProperty("id").GetInt32(), statusCall.GetProperty("evse").GetProperty("connectorId").GetInt32()));
        var meter = peer.ExpectIncomingCall("TriggerMessage");
        await control.TriggerMessageAsync("MeterValues", null, CancellationToken.None);
        Assert.False((await OcppPeer.WaitForIncomingCallAsync(meter)).TryGetProperty("evse", out _));

        var reset = peer.ExpectIncomingCall("Reset");
        Assert.True((await control.ResetAsync(ChargerResetKind.Soft, 1, CancellationToken.None)).Succeeded);
        var resetCall = await OcppPeer.WaitForIncomingCallAsync(reset);
        Assert.Equal(("OnIdle", 1), (resetCall.GetProperty("type").GetString(), resetCall.GetProperty("evseId").GetInt32()));
        Assert.True(control.ResetsConnectors);
        Assert.DoesNotContain("INCALL a TriggerMessage {\"requestedMessage\":\"BootNotification\"", peer.Output, StringComparison.Ordinal);
    }

    private static object Report(int requestId, string source, int id, string purpose, double limit, bool tbc, int evseId = 1) => new
    {
        requestId,
        chargingLimitSource = source,
        evseId,
        tbc,
        chargingProfile = new[]
        {
            new
            {
                id,
                stackLevel = 1,
                chargingProfilePurpose = purpose,
                chargingProfileKind = "Absolute",
                chargingSchedule = new[] { new { id = 1, chargingRateUnit = "A", startSchedule = "2026-12-01T08:00:00Z", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit } } } },
            },
        },
    };
}
