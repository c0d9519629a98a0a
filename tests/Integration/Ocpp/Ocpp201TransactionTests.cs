using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// OCPP 2.0.1 transactions (E01–E15) against a strict ocpp-rpc 2.0.1 station: the session carries the
/// station's string id, 36-character tokens pass, seqNos decide repeats and late events, and an offline
/// replay after an edge restart is recorded exactly once in the daemon's store (a real LiteDB file).
/// </summary>
public sealed class Ocpp201TransactionTests : IDisposable
{
    // identifierString(36), the longest a station may give (TransactionType.transactionId, IdTokenType.idToken).
    private static readonly string TransactionId = "f2d7c3a0-5b1e-4c9a-8d6f-0123456789ab";
    private static readonly string LongToken = "04A1B2C3D4E5F60718293A4B5C6D7E8F9012";

    private readonly string _dataDir = RealDiskDirectory.Create("chargenet-ocpp201-");

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task An_offline_replay_after_an_edge_restart_makes_one_session_with_the_station_transaction_id_and_its_own_timestamps()
    {
        Assert.Equal(36, TransactionId.Length);
        Assert.Equal(36, LongToken.Length);
        var started = Ocpp201Payloads.Event("Started", 0, TransactionId, "2026-12-01T08:00:00Z", "Authorized", [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 1000)], "Charging", idToken: LongToken);
        var updated = Ocpp201Payloads.Event("Updated", 1, TransactionId, "2026-12-01T08:30:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Energy("2026-12-01T08:30:00Z", 4000)], "Charging");
        await using var peer = await OcppPeer.StartAsync();
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await HostAsync(store, "S211");
            await peer.ConnectAsync(host.BaseUrl, "S211", protocols: Ocpp201Payloads.Protocols, client: "a");
            await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot, "a");
            var authorized = await peer.CallOkAsync("Authorize", new { idToken = Ocpp201Payloads.Token(LongToken) }, "a");
            Assert.Equal("Accepted", authorized.GetProperty("idTokenInfo").GetProperty("status").GetString());
            await peer.CallOkAsync("TransactionEvent", started, "a");
            await peer.CallOkAsync("TransactionEvent", updated, "a");
            var open = Assert.Single(await store.Sessions.ListOpenAsync(CancellationToken.None));
            Assert.Equal((ChargerTransactionId.FromStation(TransactionId), LongToken), (open.TransactionId, open.IdTag));
        }

        // The edge restarted (same file); the station never heard the answers, so it replays its queue
        // as offline events with their original timestamps (E04), then ends the transaction twice.
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await HostAsync(store, "S211");
            await peer.ConnectAsync(host.BaseUrl, "S211", protocols: Ocpp201Payloads.Protocols, client: "b");
            await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(started), "b"); // the boot was kept: no SecurityError, no boot trigger
            await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(updated), "b");
            var ended = Ocpp201Payloads.Event("Ended", 2, TransactionId, "2026-12-01T09:00:00Z", "EVCommunicationLost", [Ocpp201Payloads.Energy("2026-12-01T09:00:00Z", 9000)], stoppedReason: "EVDisconnected", offline: true);
            await peer.CallOkAsync("TransactionEvent", ended, "b");
            await peer.CallOkAsync("TransactionEvent", ended, "b");
            Assert.DoesNotContain("INCALL b TriggerMessage {\"requestedMessage\":\"BootNotification\"", peer.Output, StringComparison.Ordinal);
            Assert.Null(host.Server.GetChargePoint("S211").Control!.TransactionOn(1));
        }

        using var reopened = LiteEdgeStore.Open(_dataDir);
        var session = Assert.Single(await reopened.Sessions.ListAsync(10, 0, null, CancellationToken.None));
        Assert.Equal((ChargerTransactionId.FromStation(TransactionId), LongToken, 8000.0, "EVDisconnected"), (session.TransactionId, session.IdTag, session.EnergyWh, session.StopReason));
        Assert.Equal((At("08:00"), At("09:00")), (session.StartedAt, session.StoppedAt));
        Assert.Equal("\"" + TransactionId + "\"", System.Text.Json.JsonSerializer.Serialize(session.TransactionId));
    }

    [Fact]
    public async Task A_repeated_seqNo_is_answered_not_recorded_a_late_event_leaves_the_live_state_and_a_gap_is_reported()
    {
        await using var station = await BootedOcpp201Station.StartAsync("S212");
        var (host, peer) = (station.Host, station.Peer);
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-seq", "2026-12-01T08:00:00Z", "Authorized", [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 0)], "Charging", idToken: "TAG-1"));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 3, "tx-seq", "2026-12-01T08:20:00Z", "ChargingStateChanged", [Ocpp201Payloads.Energy("2026-12-01T08:20:00Z", 2000)], "SuspendedEV"));

        // seqNo 3 again with other content (a station that re-sent it with a new sample): answered, not recorded.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 3, "tx-seq", "2026-12-01T08:21:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Energy("2026-12-01T08:21:00Z", 2100)], "Charging"));
        // seqNo 1 comes late: its data is recorded, but it does not put the car back to Charging.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, "tx-seq", "2026-12-01T08:10:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Energy("2026-12-01T08:10:00Z", 1000)], "Charging"));
        Assert.Equal(3, host.Store.MeterValues.Count); // Started's, seqNo 3's, seqNo 1's
        Assert.Equal(ConnectorState.SuspendedByCar, host.Server.GetChargePoint("S212").GetConnector(1).State);

        // The Ended shows a gap; the station, asked (E14), holds none of the missing events.
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = false, messagesInQueue = false });
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 5, "tx-seq", "2026-12-01T09:00:00Z", "EVCommunicationLost", [Ocpp201Payloads.Energy("2026-12-01T09:00:00Z", 3000)], stoppedReason: "EVDisconnected"));
        var session = Assert.Single(host.Store.Sessions);
        Assert.Equal((ChargerTransactionId.FromStation("tx-seq"), 3000.0), (session.TransactionId, session.EnergyWh));
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-missing"), "the gap reported");
        var gap = Assert.Single(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing");
        Assert.Contains("2 earlier event(s)", gap.Message, StringComparison.Ordinal); // seqNos 2 and 4
    }

    [Fact]
    public async Task Events_that_do_not_name_their_EVSE_land_on_the_EVSE_an_offline_Started_named()
    {
        // The Started came offline (its state not applied); the station names the EVSE only in that first event (E02), so the
        // live Updated has none: it belongs on EVSE 1, not on connector 0, which the charger's status never shows.
        await using var station = await BootedOcpp201Station.StartAsync("S213");
        var (host, peer) = (station.Host, station.Peer);
        var started = Ocpp201Payloads.Event("Started", 0, "tx-off", "2026-12-01T08:00:00Z", "Authorized", [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 1000)], "Charging", idToken: "TAG-1");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(started));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.WithoutEvse(Ocpp201Payloads.Event("Updated", 1, "tx-off", "2026-12-01T08:10:00Z", "MeterValuePeriodic",
            [Ocpp201Payloads.Currents("2026-12-01T08:10:00Z", 16, 15.5, 15, 2.5)], "Charging")));

        var connector = Assert.Single((await new OcppCharger(host.Server, "S213").ReadStatusAsync(CancellationToken.None)).Connectors);
        Assert.Equal((1, ConnectorState.Charging, new PhaseValues(16, 15.5, 15), 2500.0), (connector.ConnectorId, connector.State, connector.CurrentA, connector.EnergyWh));
        Assert.Equal("tx-off", host.Server.GetChargePoint("S213").Control!.TransactionOn(1));
        Assert.Null(host.Server.GetChargePoint("S213").Connectors.FirstOrDefault(c => c.ConnectorId == 0));
    }

    [Fact]
    public async Task After_an_edge_restart_an_event_without_its_EVSE_lands_on_the_EVSE_the_stored_start_names()
    {
        var started = Ocpp201Payloads.Event("Started", 0, "tx-restart", "2026-12-01T08:00:00Z", "Authorized", [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 1000)], "Charging", idToken: "TAG-1");
        await using var peer = await OcppPeer.StartAsync();
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await HostAsync(store, "S214");
            await peer.ConnectAsync(host.BaseUrl, "S214", protocols: Ocpp201Payloads.Protocols, client: "a");
            await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot, "a");
            await peer.CallOkAsync("TransactionEvent", started, "a");
        }

        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await HostAsync(store, "S214");
            await peer.ConnectAsync(host.BaseUrl, "S214", protocols: Ocpp201Payloads.Protocols, client: "b");
            await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.WithoutEvse(Ocpp201Payloads.Event("Updated", 1, "tx-restart", "2026-12-01T08:10:00Z", "MeterValuePeriodic",
                [Ocpp201Payloads.Currents("2026-12-01T08:10:00Z", 10, 10, 10, 2)], "Charging")), "b");
            var evse = host.Server.GetChargePoint("S214").GetConnector(1);
            Assert.Equal((ConnectorState.Charging, 10.0, "tx-restart"), (evse.State, evse.CurrentA.L1, evse.TransactionId));
            Assert.Null(host.Server.GetChargePoint("S214").Connectors.FirstOrDefault(c => c.ConnectorId == 0));
        }
    }

    // A 2.0.1 station's edge over the daemon's store file (a new one after each restart).
    private static async Task<OcppTestHost> HostAsync(LiteEdgeStore store, string chargePointId)
    {
        var host = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots);
        host.Registry.Add(chargePointId, version: OcppVersion.V201);
        return host;
    }

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse("2026-12-01T" + time + ":00Z", System.Globalization.CultureInfo.InvariantCulture);
}
