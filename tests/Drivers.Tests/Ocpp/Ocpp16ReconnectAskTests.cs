using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The 1.6 asks after a reconnect (TriggerMessage StatusNotification, BootNotification: section 5.17) never hold up a limit.</summary>
public sealed class Ocpp16ReconnectAskTests
{
    [Fact]
    public async Task After_a_reconnect_a_cut_goes_at_once_past_a_status_ask_the_charger_never_answers()
    {
        // One call of the edge's on the wire at a time (OCPP-J 4.1.1): a cut behind the unanswered TriggerMessage waited out
        // its 30 s. The clock is never moved: the cut goes at once, and the ask goes again after it.
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync(); // no StatusNotification: the connectors' states are unknown
        await cp.DisconnectAsync();
        cp.HoldTriggerAnswers = true;
        await CutGoesPastAsync(cp, "StatusNotification");
    }

    [Fact]
    public async Task After_a_reconnect_from_a_kept_boot_a_cut_goes_at_once_past_a_boot_ask_the_charger_never_answers()
    {
        // A boot restored from the store is asked for a fresh BootNotification first; that TriggerMessage gives way too.
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.Server.Context.Boots.SaveAsync(new OcppBootRecord(FakeChargePoint.Id, cp.Time.GetUtcNow(), "Test", "Fake", null, null), CancellationToken.None);
        cp.HoldTriggerAnswers = true;
        await CutGoesPastAsync(cp, "BootNotification");
    }

    // Connects; once the ask for message is on the wire, unanswered, a cut goes at once; the ask goes again after it.
    private static async Task CutGoesPastAsync(FakeChargePoint cp, string message)
    {
        await cp.ConnectAsync();
        await Eventually.TrueAsync(() => Asked(cp, message) == 1, message + " is asked");

        var cut = cp.ChargePoint.Limits.SetNeededAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the cut goes at once");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await Eventually.TrueAsync(() => Asked(cp, message) == 2, message + " is asked again");
    }

    private static int Asked(FakeChargePoint cp, string message) =>
        cp.Calls.Count(c => c.Action == "TriggerMessage" && c.Payload.GetProperty("requestedMessage").GetString() == message);
}
