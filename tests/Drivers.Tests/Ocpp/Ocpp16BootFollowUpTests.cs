using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The configuration keys set after an accepted 1.6 boot (ChangeConfiguration, section 9.1) never hold up a limit.</summary>
public sealed class Ocpp16BootFollowUpTests
{
    [Fact]
    public async Task After_a_boot_a_cut_goes_at_once_past_a_ChangeConfiguration_the_charger_never_answers()
    {
        // One call of the edge's on the wire at a time (OCPP-J 4.1.1): a cut behind each unanswered key waited out its 30 s.
        // The clock is never moved while the cut waits: it goes at once, and the key goes again after it.
        await using var cp = await FakeChargePoint.StartAsync(setConfigurationOnBoot: true);
        cp.NeverAnswered = new HashSet<string>(["ChangeConfiguration"], StringComparer.Ordinal);
        await cp.ConnectAsync();
        await cp.CallAsync("BootNotification", "{\"chargePointVendor\":\"Test\",\"chargePointModel\":\"Fake\"}");
        await Eventually.TrueAsync(() => Keys(cp).Count == 1, "the first key is set");

        var cut = cp.ChargePoint.Limits.SetNeededAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the cut goes at once");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await Eventually.TrueAsync(() => Keys(cp).Count == 2, "the key is set again after the cut");
        Assert.Equal(["HeartbeatInterval", "HeartbeatInterval"], Keys(cp));
        Assert.Equal(["ChangeConfiguration", "SetChargingProfile", "ChangeConfiguration"], cp.Calls.Select(c => c.Action));
    }

    private static List<string> Keys(FakeChargePoint cp) =>
        [.. cp.Calls.Where(c => c.Action == "ChangeConfiguration").Select(c => c.Payload.GetProperty("key").GetString()!)];
}
