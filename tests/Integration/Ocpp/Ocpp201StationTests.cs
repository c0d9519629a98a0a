using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>OCPP 2.0.1 on the same endpoint, against an independent station (npm ocpp-rpc, strict mode, the official 2.0.1 schemas).</summary>
public sealed class Ocpp201StationTests
{
    [Fact]
    public async Task A_new_station_is_pending_until_adopted_then_boots_reports_and_runs_a_transaction_that_becomes_one_session_once()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.AcceptNewChargers = true;
        await using var peer = await OcppPeer.StartAsync();
        var connected = await peer.ConnectAsync(host.BaseUrl, "S201", protocols: Ocpp201Payloads.Protocols);
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + peer.Output);
        Assert.Equal("ocpp2.0.1", connected.GetProperty("protocol").GetString());

        Assert.Equal("Pending", (await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot)).GetProperty("status").GetString());
        Assert.Equal("ocpp2.0.1", host.Registry.Pending["S201"].Protocol); // adopting it on the page proposes 2.0.1
        var early = await peer.CallAsync("Heartbeat", new { });
        Assert.Equal("SecurityError", early.GetProperty("error").GetProperty("code").GetString()); // B02.FR.09

        host.Registry.Add("S201", version: OcppVersion.V201);
        var boot = await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        Assert.Equal(("Accepted", 300), (boot.GetProperty("status").GetString(), boot.GetProperty("interval").GetInt32()));
        Assert.True((await peer.CallOkAsync("Heartbeat", new { })).GetProperty("currentTime").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied"));
        Assert.Equal("Accepted", (await peer.CallOkAsync("Authorize", new { idToken = Ocpp201Payloads.Token("TAG-1") })).GetProperty("idTokenInfo").GetProperty("status").GetString());
        var started = await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-abc", "2026-12-01T08:00:00Z", "Authorized",
            [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 1000)], "Charging", idToken: "TAG-1"));
        Assert.Equal("Accepted", started.GetProperty("idTokenInfo").GetProperty("status").GetString());
        var updated = Ocpp201Payloads.Event("Updated", 1, "tx-abc", "2026-12-01T08:10:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Currents("2026-12-01T08:10:00Z", 15.5, 15.25, 14.75, 2.5)], "Charging");
        await peer.CallOkAsync("TransactionEvent", updated);
        await peer.CallOkAsync("TransactionEvent", updated); // replayed after a reconnect: recorded once

        var status = await new OcppCharger(host.Server, "S201").ReadStatusAsync(CancellationToken.None);
        var connector = Assert.Single(status.Connectors);
        Assert.Equal((ConnectorState.Charging, new PhaseValues(15.5, 15.25, 14.75), 2500.0), (connector.State, connector.CurrentA, connector.EnergyWh));
        Assert.Equal("tx-abc", host.Server.GetChargePoint("S201").Control!.TransactionOn(1));
        Assert.Equal(2, host.Store.MeterValues.Count);

        var ended = Ocpp201Payloads.Event("Ended", 2, "tx-abc", "2026-12-01T09:00:00Z", "EVCommunicationLost", [Ocpp201Payloads.Energy("2026-12-01T09:00:00Z", 9000)], stoppedReason: "EVDisconnected", offline: true);
        await peer.CallOkAsync("TransactionEvent", ended);
        await peer.CallOkAsync("TransactionEvent", ended);
        var session = Assert.Single(host.Store.Sessions);
        Assert.Equal(("S201", 1, "TAG-1", 8000.0, "EVDisconnected"), (session.ChargePointId, session.ConnectorId, session.IdTag, session.EnergyWh, session.StopReason));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), session.StartedAt);
        Assert.Null(host.Server.GetChargePoint("S201").Control!.TransactionOn(1));
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing");
    }

    [Fact]
    public async Task Limits_go_as_TxDefaultProfile_in_amperes_per_EVSE_and_the_neutral_commands_become_2_0_1_requests_without_a_boot_trigger()
    {
        await using var station = await BootedOcpp201Station.StartAsync("S202");
        var (host, peer) = (station.Host, station.Peer);
        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Available"));

        var charger = new OcppCharger(host.Server, "S202");
        var profileCall = peer.ExpectIncomingCall("SetChargingProfile");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 16.37, CancellationToken.None)).Outcome);
        var sent = await OcppPeer.WaitForIncomingCallAsync(profileCall);
        var profile = sent.GetProperty("chargingProfile");
        var schedule = profile.GetProperty("chargingSchedule")[0];
        Assert.Equal((1, "TxDefaultProfile", "Absolute", "A", 16.3m), (sent.GetProperty("evseId").GetInt32(), profile.GetProperty("chargingProfilePurpose").GetString(),
            profile.GetProperty("chargingProfileKind").GetString(), schedule.GetProperty("chargingRateUnit").GetString(), schedule.GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal()));
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("startSchedule").ValueKind);
        Assert.Equal(16.3, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().LimitA);

        await peer.SetReplyAsync("SetChargingProfile", new { status = "Rejected" });
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None)).Outcome);
        await peer.SetReplyAsync("SetChargingProfile", new { status = "Accepted" });

        var control = host.Server.GetChargePoint("S202").Control!;
        Assert.Equal(OcppVersion.V201, control.Version);
        await peer.SetReplyAsync("RequestStartTransaction", new { status = "Accepted" });
        await peer.SetReplyAsync("RequestStopTransaction", new { status = "Rejected" });
        var start = peer.ExpectIncomingCall("RequestStartTransaction");
        Assert.True((await control.StartTransactionAsync("TAG-9", 1, CancellationToken.None)).Succeeded);
        var startPayload = await OcppPeer.WaitForIncomingCallAsync(start);
        Assert.Equal(("TAG-9", 1), (startPayload.GetProperty("idToken").GetProperty("idToken").GetString(), startPayload.GetProperty("evseId").GetInt32()));
        Assert.Equal(new ChargerCommandResult(false, "Rejected"), await control.StopTransactionAsync("tx-9", CancellationToken.None));
        var reset = peer.ExpectIncomingCall("Reset");
        Assert.True((await control.ResetAsync(ChargerResetKind.Hard, 0, CancellationToken.None)).Succeeded);
        Assert.Equal("Immediate", (await OcppPeer.WaitForIncomingCallAsync(reset)).GetProperty("type").GetString());
        var availability = peer.ExpectIncomingCall("ChangeAvailability");
        Assert.Equal(new ChargerCommandResult(true, "Scheduled"), await control.ChangeAvailabilityAsync(0, false, CancellationToken.None));
        Assert.Equal("Inoperative", (await OcppPeer.WaitForIncomingCallAsync(availability)).GetProperty("operationalStatus").GetString());

        // A reconnect of the booted station: limits again, never a TriggerMessage for a BootNotification (F06.FR.17) — only the
        // unknown EVSEs' StatusNotifications.
        await peer.CloseAsync();
        var again = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.ConnectAsync(host.BaseUrl, "S202", protocols: Ocpp201Payloads.Protocols);
        await OcppPeer.WaitForIncomingCallAsync(again);
        await peer.CallOkAsync("Heartbeat", new { });
        Assert.DoesNotContain("INCALL a TriggerMessage {\"requestedMessage\":\"BootNotification\"", peer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_EVSE_whose_state_is_not_known_is_not_reported_and_a_reconnect_asks_for_its_state_EVSE_by_EVSE()
    {
        // After an edge restart a station reconnects without booting and sends StatusNotification on a change only (G01): an idle
        // EVSE would stay unknown, counted as a car charging, for good. Each unknown EVSE is asked (F06, with its connector); a
        // CALLERROR for one leaves the others asked and the connection up.
        await using var station = await BootedOcpp201Station.StartAsync("S205", new OcppChargerSettings { Connectors = 3 });
        var (host, peer) = (station.Host, station.Peer);
        await peer.CallOkAsync("MeterValues", new { evseId = 1, meterValue = new[] { Ocpp201Payloads.Currents("2026-12-01T08:00:00Z", 6, 6, 6, 1) } });
        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(2, "Available"));
        var charger = new OcppCharger(host.Server, "S205");
        Assert.Equal([2], (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Select(c => c.ConnectorId));

        await peer.SetReplyAsync("TriggerMessage", new { error = "InternalError" });
        await peer.CloseAsync();
        await peer.ConnectAsync(host.BaseUrl, "S205", protocols: Ocpp201Payloads.Protocols);
        await OcppCoreMessagesTests.WaitUntilAsync(() => Triggers(peer).Count == 2, "EVSE 1 and EVSE 3 asked");
        Assert.Equal(
            ["""{"requestedMessage":"StatusNotification","evse":{"id":1,"connectorId":1}}""", """{"requestedMessage":"StatusNotification","evse":{"id":3,"connectorId":1}}"""],
            Triggers(peer));
        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied"));
        Assert.Equal([(1, ConnectorState.CarConnected), (2, ConnectorState.Available)],
            (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Select(c => (c.ConnectorId, c.State)));
    }

    [Fact]
    public async Task An_EVSE_with_two_connectors_takes_its_state_from_both_not_from_the_last_to_speak()
    {
        // G01 reports each connector of an EVSE: a car plugged into connector 2 is not gone because connector 1 says Available.
        await using var station = await BootedOcpp201Station.StartAsync("S206");
        var (host, peer) = (station.Host, station.Peer);
        var chargePoint = host.Server.GetChargePoint("S206");
        foreach (var (connectorId, status, expected) in new[]
        {
            (2, "Occupied", ConnectorState.CarConnected),
            (1, "Available", ConnectorState.CarConnected), // connector 2's car is still there
            (1, "Faulted", ConnectorState.CarConnected),
            (2, "Available", ConnectorState.Available), // connector 2 may take a car: the EVSE is not faulted
            (2, "Unavailable", ConnectorState.Unavailable), // neither connector can
            (2, "Faulted", ConnectorState.Faulted), // both faulted
        })
        {
            await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, status, connectorId));
            Assert.True(expected == chargePoint.GetConnector(1).State, $"connector {connectorId} {status}: {chargePoint.GetConnector(1).State}");
        }

        Assert.Equal(2, host.Events.Events.Count(e => e.Code == "ocpp.connector-faulted")); // each connector's fault once
    }

    [Fact]
    public async Task An_EVSE_is_not_known_from_some_of_its_connectors_while_another_may_have_a_car()
    {
        // After an edge restart each connector is asked in turn (F06): connector 1's Unavailable says nothing of a car on connector 2,
        // so the EVSE stays unknown — counted as a car charging — until each connector the base report named has spoken.
        var report = new[]
        {
            Ocpp201ProvisioningTests.Item("EVSE", "SupplyPhases", "3", new { id = 1 }),
            Ocpp201ProvisioningTests.Item("Connector", "ConnectorType", "cType2", new { id = 1, connectorId = 1 }),
            Ocpp201ProvisioningTests.Item("Connector", "ConnectorType", "cCCS2", new { id = 1, connectorId = 2 }),
        };
        await using var station = await BootedOcpp201Station.StartAsync("S207", station: new { report });
        var (host, peer) = (station.Host, station.Peer);
        var stations = ((ChargeNet.Drivers.Ocpp.V201.Ocpp201Protocol)host.Server.Context.Protocols.For(OcppVersion.V201)).Stations;
        await OcppCoreMessagesTests.WaitUntilAsync(() => stations.Get("S207").Model is not null, "the base report");
        var charger = new OcppCharger(host.Server, "S207");

        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Unavailable", 1));
        Assert.Empty((await charger.ReadStatusAsync(CancellationToken.None)).Connectors);

        await peer.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied", 2));
        Assert.Equal([(1, ConnectorState.CarConnected)], (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Select(c => (c.ConnectorId, c.State)));
    }

    private static List<string> Triggers(OcppPeer peer) =>
        [.. peer.Output.Split('\n').Where(l => l.StartsWith("INCALL a TriggerMessage ", StringComparison.Ordinal)).Select(l => l["INCALL a TriggerMessage ".Length..].Trim())];

    [Fact]
    public async Task Bad_frames_get_the_2_0_1_error_codes_and_the_connection_stays_open()
    {
        await using var station = await BootedOcpp201Station.StartAsync("S203");
        var (host, peer) = (station.Host, station.Peer);

        foreach (var (frame, id, code) in new[]
        {
            ("[2,\"f1\",\"Heartbeat\",{\"extra\":1}]", "f1", "FormatViolation"),
            ("[2,\"f2\",\"BootNotification\",{\"reason\":\"PowerUp\"}]", "f2", "OccurrenceConstraintViolation"),
            ("[2,\"f3\",\"StatusNotification\",{\"timestamp\":\"2026-12-01T08:00:00Z\",\"connectorStatus\":\"Sleeping\",\"evseId\":1,\"connectorId\":1}]", "f3", "PropertyConstraintViolation"),
            ("[2,\"f4\",\"Heartbeat\",[]]", "f4", "FormatViolation"),
            ("[2,\"f5\",\"NoSuchAction\",{}]", "f5", "NotImplemented"),
            ("[7,\"f6\",\"Heartbeat\",{}]", "f6", "MessageTypeNotSupported"),
            ("[2,42,\"Heartbeat\",{}]", "-1", "RpcFrameworkError"),
        })
        {
            var reply = await peer.SendRawAsync(frame, $"[4,\"{id}\"");
            Assert.True(code == reply[2].GetString(), $"{frame} → {reply}");
        }

        await peer.CallOkAsync("Heartbeat", new { });
    }

    [Fact]
    public async Task A_station_configured_for_2_0_1_is_refused_when_it_offers_only_1_6()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("S204", version: OcppVersion.V201);
        await using var peer = await OcppPeer.StartAsync();
        Assert.Equal(400, OcppPeer.RefusalStatus(await peer.ConnectAsync(host.BaseUrl, "S204")));
        var both = await peer.ConnectAsync(host.BaseUrl, "S204", protocols: ["ocpp1.6", "ocpp2.0.1"]);
        Assert.Equal("ocpp2.0.1", both.GetProperty("protocol").GetString());
    }
}
