using System.Text.RegularExpressions;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Against a strict ocpp-rpc charge point: values that cannot be are dropped without hurting the
/// connection, a phaseless current is marked, and a rejecting charger gets re-sends with back-off and
/// one event, not one per cycle.
/// </summary>
public sealed class OcppBadValuesAndLimitOutcomeTests
{
    [Fact]
    public async Task MeterValues_of_1e308_kWh_are_answered_dropped_and_reported_and_the_charger_goes_on()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CPBAD");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CPBAD");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await peer.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"));
        await peer.CallOkAsync("MeterValues", OcppPayloads.Meter(1, null, 15.5, 15.25, 14.75, 16, 2500));
        var before = host.Server.GetChargePoint("CPBAD").GetConnector(1);

        await peer.CallOkAsync("MeterValues", Values(new { value = "3", measurand = "Current.Import", phase = "L1", unit = "A" }, new { value = "1e308", measurand = "Energy.Active.Import.Register", unit = "kWh" }));

        var dropped = Assert.Single(host.Events.Events, e => e.Code == "ocpp.meter-values-dropped");
        Assert.Contains("Energy.Active.Import.Register (1e308 kWh)", dropped.Message, StringComparison.Ordinal);
        Assert.Equal(before, host.Server.GetChargePoint("CPBAD").GetConnector(1));

        await peer.CallOkAsync("MeterValues", Values(new { value = "13", measurand = "Current.Import", unit = "A" }));
        var status = await new OcppCharger(host.Server, "CPBAD").ReadStatusAsync(CancellationToken.None);
        var connector = Assert.Single(status.Connectors);
        Assert.True(status.Online);
        Assert.False(connector.PhasesKnown);
        Assert.Equal(new PhaseValues(13, 13, 13), connector.CurrentA);
        Assert.InRange(DateTimeOffset.UtcNow - status.LastContactAt!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_rejecting_charger_gets_its_limit_again_with_back_off_and_one_event_until_it_accepts()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CPREJ", settings: new OcppChargerSettings { LimitRetryMin = TimeSpan.FromSeconds(1) });
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CPREJ");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Server.GetChargePoint("CPREJ").BootFollowUpDoneAt is not null);
        await peer.SetReplyAsync("SetChargingProfile", new { status = "Rejected" });
        var charger = new OcppCharger(host.Server, "CPREJ");

        for (var cycle = 0; cycle < 10; cycle++)
        {
            Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        }

        // Ten cycles inside the first second: one profile on the wire; then the driver's own re-send after 1 s.
        Assert.InRange(ProfilesSent(peer), 1, 2);
        await OcppCoreMessagesTests.WaitUntilAsync(() => ProfilesSent(peer) >= 2, "the rejected limit is sent again after the back-off");
        Assert.Single(host.Events.Events, e => e.Code == "ocpp.limit-not-applied");

        await peer.SetReplyAsync("SetChargingProfile", new { status = "Accepted" });
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Events.Events.Any(e => e.Code == "ocpp.limit-applied"), "the next re-send is accepted");
        Assert.Equal(10, host.Server.GetChargePoint("CPREJ").Limits.Get(1)!.InForceA);
        Assert.Single(host.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

    private static int ProfilesSent(OcppPeer peer) => Regex.Count(peer.Output, "INCALL a SetChargingProfile ");

    private static object Values(params object[] samples) =>
        new { connectorId = 1, meterValue = new[] { new { timestamp = "2026-11-24T05:00:20Z", sampledValue = samples } } };
}
