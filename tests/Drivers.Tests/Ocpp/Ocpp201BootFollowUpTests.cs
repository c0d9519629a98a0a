using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The calls after an accepted 2.0.1 boot (SetVariables, B05; GetBaseReport, B07) never hold up a limit.</summary>
public sealed class Ocpp201BootFollowUpTests
{
    private const string Boot = """{"chargingStation":{"model":"Fake","vendorName":"Test"},"reason":"PowerUp"}""";

    [Fact]
    public async Task After_a_boot_a_cut_goes_at_once_past_the_SetVariables_and_GetBaseReport_of_a_station_that_never_answers_them()
    {
        // One call of the edge's on the wire at a time (OCPP-J 4.1.1): a cut behind each unanswered follow-up call waited out its
        // 30 s. The clock is moved only to time out an ask, never while a cut waits: each cut goes at once.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { Connectors = 1 }, setConfigurationOnBoot: true, version: OcppVersion.V201);
        cp.NeverAnswered = new HashSet<string>(["SetVariables", "GetBaseReport"], StringComparer.Ordinal);
        await cp.ConnectAsync();
        await cp.CallAsync("BootNotification", Boot);
        await Eventually.TrueAsync(() => Count(cp, "SetVariables") == 1, "the variables are set");

        var cut = cp.ChargePoint.Limits.SetNeededAsync(1, 10, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the cut goes at once past SetVariables");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await Eventually.TrueAsync(() => Count(cp, "SetVariables") == 2, "SetVariables goes again after the cut");

        cp.Time.Advance(TimeSpan.FromSeconds(30)); // the second SetVariables times out: the base report is asked
        await Eventually.TrueAsync(() => Count(cp, "GetBaseReport") == 1, "the base report is asked");
        cut = cp.ChargePoint.Limits.SetNeededAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the cut goes at once past GetBaseReport");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await Eventually.TrueAsync(() => Count(cp, "GetBaseReport") == 2, "GetBaseReport goes again after the cut");

        // Each try its own requestId: a report the station sends for the given-up ask does not mix with the retry's.
        var ids = cp.Calls.Where(c => c.Action == "GetBaseReport").Select(c => c.Payload.GetProperty("requestId").GetInt32()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(["SetVariables", "SetChargingProfile", "SetVariables", "GetBaseReport", "SetChargingProfile", "GetBaseReport"], cp.Calls.Select(c => c.Action));
    }

    private static int Count(FakeChargePoint cp, string action) => cp.Calls.Count(c => c.Action == action);
}
