using ChargeNet.Drivers.Ocpp.CentralSystem;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// GetTransactionStatus (E14) where the edge needs it, against a strict ocpp-rpc 2.0.1 station: after an Ended whose seqNos
/// have a gap ([OCTT] TC_E_31) and, after a reconnect, for each transaction the edge believes running (TC_E_29); the
/// station's answer decides whether the missing events are on their way or lost. (An operator's question, TC_E_30, TC_E_33,
/// TC_E_34: <c>CloudOcppTests.Both_doors_clear_a_chargers_cache_…</c>.)
/// </summary>
public sealed class Ocpp201TransactionStatusTests
{
    [Fact]
    public async Task An_end_with_missing_events_asks_the_station_whether_it_still_holds_them_and_those_it_holds_come_after()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S281");
        var (host, peer) = (booted.Host, booted.Peer);
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-E31", "2026-12-01T08:00:00Z", "Authorized", [Ocpp201Payloads.Energy("2026-12-01T08:00:00Z", 0)], "Charging", idToken: "TAG-1"));

        // TC_E_31: back after a drop, the station sends the Ended first (seqNos 1 and 2 still in its queue) and says so when asked.
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = false, messagesInQueue = true });
        var asked = peer.ExpectIncomingCall("GetTransactionStatus");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Ended", 3, "TX-E31", "2026-12-01T09:00:00Z", "EVCommunicationLost", [Ocpp201Payloads.Energy("2026-12-01T09:00:00Z", 3000)], "Idle", stoppedReason: "EVDisconnected")));
        Assert.Equal("TX-E31", (await OcppPeer.WaitForIncomingCallAsync(asked)).GetProperty("transactionId").GetString());
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-queued"), "the queued events noted");
        var queued = Assert.Single(host.Events.Events, e => e.Code == "ocpp.transaction-events-queued");
        Assert.Equal("info", queued.Severity);
        Assert.Contains("2 earlier event(s) have not arrived yet", queued.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing");

        // The queued ones follow: recorded, the session stays one.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Updated", 1, "TX-E31", "2026-12-01T08:30:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Energy("2026-12-01T08:30:00Z", 1500)])));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Updated", 2, "TX-E31", "2026-12-01T08:59:00Z", "ChargingStateChanged", chargingState: "EVConnected")));
        Assert.Equal(3, host.Store.MeterValues.Count);
        Assert.Equal(3000.0, Assert.Single(host.Store.Sessions).EnergyWh);

        // A station that holds none of the missing ones: they are lost, a warning.
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = false, messagesInQueue = false });
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-LOST", "2026-12-01T10:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 2, "TX-LOST", "2026-12-01T11:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected"));
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-missing"), "the lost events reported");
        Assert.Contains("1 earlier event(s) never arrived and the station holds none", Assert.Single(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_the_station_said_it_still_held_that_have_not_come_within_the_grace_are_warned_about_and_those_that_came_are_not()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S283", options: new OcppServerOptions { QueuedEventsGrace = TimeSpan.FromSeconds(2) });
        var (host, peer) = (booted.Host, booted.Peer);
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = false, messagesInQueue = true });

        // TX-CAME: ended at seqNo 3, its 1 and 2 queued on the station, and they come within the grace.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-CAME", "2026-12-01T08:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Ended", 3, "TX-CAME", "2026-12-01T09:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected")));
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-queued" && e.Message.Contains("TX-CAME", StringComparison.Ordinal)), "TX-CAME's queued events noted");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Updated", 1, "TX-CAME", "2026-12-01T08:30:00Z", "MeterValuePeriodic")));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Updated", 2, "TX-CAME", "2026-12-01T08:59:00Z", "ChargingStateChanged", chargingState: "EVConnected")));

        // TX-NEVER: ended at seqNo 2, its 1 said to be queued, and it never comes: a warning once the grace is over (after TX-CAME's).
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-NEVER", "2026-12-01T10:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Ended", 2, "TX-NEVER", "2026-12-01T11:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected")));
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-missing"), "the events that never came reported");
        var missing = Assert.Single(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing");
        Assert.Equal("warning", missing.Severity);
        Assert.Equal("Transaction TX-NEVER ended at seqNo 2; 1 earlier event(s) the station said it still held have not arrived within 2 s", missing.Message);
    }

    [Fact]
    public async Task After_a_reconnect_each_transaction_the_edge_believes_running_is_asked_about_and_one_ended_with_nothing_queued_frees_its_evse()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S282");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "TX-E29", "2026-12-01T08:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));

        // TC_E_29: the link drops and comes back (no boot): the edge asks about TX-E29; going on, with events queued: kept.
        await peer.CloseAsync(force: true);
        await host.DisconnectedAsync("S282");
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = true, messagesInQueue = true });
        var asked = peer.ExpectIncomingCall("GetTransactionStatus");
        await peer.ConnectAsync(host.BaseUrl, "S282", protocols: Ocpp201Payloads.Protocols);
        Assert.Equal("TX-E29", (await OcppPeer.WaitForIncomingCallAsync(asked)).GetProperty("transactionId").GetString());
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Offline(Ocpp201Payloads.Event("Updated", 1, "TX-E29", "2026-12-01T08:10:00Z", "MeterValuePeriodic", [Ocpp201Payloads.Energy("2026-12-01T08:10:00Z", 1000)])));
        Assert.Equal("TX-E29", control.TransactionOn(1));

        // Again, and this time it ended while away and nothing of it is left to send: the EVSE is freed, a warning says why.
        await peer.CloseAsync(force: true);
        await host.DisconnectedAsync("S282");
        await peer.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = false, messagesInQueue = false });
        asked = peer.ExpectIncomingCall("GetTransactionStatus");
        await peer.ConnectAsync(host.BaseUrl, "S282", protocols: Ocpp201Payloads.Protocols);
        await OcppPeer.WaitForIncomingCallAsync(asked);
        await OcppCoreMessagesTests.WaitUntilAsync(() => control.TransactionOn(1) is null, "EVSE 1 freed");
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.transaction-events-missing"), "the lost end reported");
        Assert.Contains("TX-E29 on EVSE 1 ended while the station was away", Assert.Single(host.Events.Events, e => e.Code == "ocpp.transaction-events-missing").Message, StringComparison.Ordinal);
    }
}
