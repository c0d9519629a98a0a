using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The status asks after a 2.0.1 reconnect (F06, one per connector: F06.FR.13) never hold up a limit.</summary>
public sealed class Ocpp201StatusAskTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public async Task After_a_reconnect_a_cut_goes_at_once_past_the_status_asks_of_a_station_that_never_answers_them(int evses)
    {
        // One call of the edge's on the wire at a time (OCPP-J 4.1.1): a cut behind an unanswered ask waited out its 30 s, and
        // the next asks came between the loop's given-up cuts. The clock is never moved while the cut waits: it goes at once.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { Connectors = evses }, version: OcppVersion.V201);
        await cp.Server.Context.Boots.SaveAsync(new OcppBootRecord(FakeChargePoint.Id, cp.Time.GetUtcNow(), "Test", "Fake", null, null), CancellationToken.None);
        cp.HoldTriggerAnswers = true;
        await cp.ConnectAsync(); // accepted from its kept boot, no BootNotification: every EVSE's state is unknown
        await Eventually.TrueAsync(() => Asked(cp).Count == 1, "EVSE 1 is asked");
        cp.Time.Advance(TimeSpan.FromSeconds(30)); // EVSE 1's ask times out: EVSE 2's is as much in the way
        await Eventually.TrueAsync(() => Asked(cp).Count == 2, "EVSE 2 is asked");

        var cut = cp.ChargePoint.Limits.SetNeededAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the cut goes at once");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);

        // The ask that gave way goes again once the cut is answered, then the others.
        await Eventually.TrueAsync(() => Asked(cp).Count == 3, "EVSE 2 is asked again");
        Assert.Equal([1, 2, 2], Asked(cp));
        Assert.Equal(["SetChargingProfile", "TriggerMessage"], cp.Calls.Skip(2).Select(c => c.Action));
    }

    [Fact]
    public async Task After_a_reconnect_a_cut_goes_at_once_past_a_transaction_status_ask_the_station_never_answers()
    {
        // E14: after a reconnect each transaction the edge believes running is asked about, one call timeout each on a station
        // that never answers; such an ask gives way like the status asks.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { Connectors = 1 }, version: OcppVersion.V201);
        await cp.Server.Context.Boots.SaveAsync(new OcppBootRecord(FakeChargePoint.Id, cp.Time.GetUtcNow(), "Test", "Fake", null, null), CancellationToken.None);
        await cp.ConnectAsync();
        await cp.CallAsync("TransactionEvent", """{"eventType":"Started","timestamp":"2026-12-01T08:00:00Z","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":"T1","chargingState":"Charging"},"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"TAG1","type":"ISO14443"}}""");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1) is { TransactionId: "T1", State: not null }, "the transaction runs");
        await cp.DisconnectAsync();

        cp.HoldTransactionStatusAnswers = true;
        await cp.ConnectAsync();
        await Eventually.TrueAsync(() => cp.Calls.Count(c => c.Action == "GetTransactionStatus") == 1, "T1 is asked about");
        var cut = cp.ChargePoint.Limits.SetNeededAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the cut goes at once");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await Eventually.TrueAsync(() => cp.Calls.Count(c => c.Action == "GetTransactionStatus") == 2, "T1 is asked about again");
    }

    // The EVSE of each TriggerMessage StatusNotification sent, in order.
    private static List<int> Asked(FakeChargePoint cp) =>
        [.. cp.Calls.Where(c => c.Action == "TriggerMessage" && c.Payload.GetProperty("requestedMessage").GetString() == "StatusNotification")
            .Select(c => c.Payload.GetProperty("evse").GetProperty("id").GetInt32())];
}
