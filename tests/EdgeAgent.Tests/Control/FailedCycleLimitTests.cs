using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>What a failed cycle sends a connector: its failsafe, never more than it had, within a stop and a curtailment.</summary>
public sealed class FailedCycleLimitTests
{
    private static readonly DateTimeOffset Now = DemoConnector.Now;

    [Fact]
    public void The_failsafe_never_above_the_limit_confirmed_last_and_zero_under_a_stop()
    {
        // Confirmed 6 A... then a raise to 16 A refused: the last sent is a raise it did not take, the failsafe (6 A) is no more.
        var connector = DemoConnector.WithLimit(5, Now.AddMinutes(-5));
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(16, Now.AddMinutes(-1))!.Sent, SetpointOutcome.Rejected, Now.AddMinutes(-1));
        var i = connector.Model.IndexOf(DemoConnector.ChargerId, 1)!.Value;

        Assert.Equal(0, FailedCycleLimit.Of(connector.Model, i, SiteConstraints.None)); // 5 A confirmed is under the 6 A minimum: 0
        connector.Send(8, Now.AddSeconds(-30));
        Assert.Equal(6, FailedCycleLimit.Of(connector.Model, i, SiteConstraints.None)); // its failsafe, under the 8 A it had
        Assert.Equal(0, FailedCycleLimit.Of(connector.Model, i, new SiteConstraints { EmergencyStop = true }));
    }

    [Fact]
    public void A_curtailment_is_shared_as_even_shares_and_rounded_down()
    {
        // CP001 with a 16 A failsafe and 16 A confirmed: the curtailment, not the failsafe, is what binds.
        var demo = DemoSiteConfiguration.Create();
        var site = demo with { Chargers = [.. demo.Chargers.Select(c => c.Id == DemoConnector.ChargerId ? c with { FailsafeCurrentA = 16 } : c)] };
        var model = SiteModel.Build(new AppliedConfiguration(1, site, Now, "test"), null);
        var i = model.IndexOf(DemoConnector.ChargerId, 1)!.Value;
        model.Connectors[i].CompleteSend(model.Connectors[i].TryBeginSend(16, Now.AddMinutes(-1))!.Sent, SetpointOutcome.Accepted, Now.AddMinutes(-1));
        var voltageV = model.Site.Grid.VoltageV;
        Assert.Equal(16, FailedCycleLimit.Of(model, i, SiteConstraints.None));

        // 4.6 kW per charger on a three-phase charger: 6.67 A → 6.6 A; 3.7 kW: 5.36 A, under the minimum → 0.
        Assert.Equal(Math.Floor(4600 / (voltageV * 3) * 10) / 10, FailedCycleLimit.Of(model, i, new SiteConstraints { PerChargerCapKw = 4.6 }));
        Assert.Equal(0, FailedCycleLimit.Of(model, i, new SiteConstraints { PerChargerCapKw = 3.7 }));

        // A site cap shared over every connector's phases: 7.05 A each → 7 A; 5 A each, under the minimum → 0.
        var phases = Enumerable.Range(0, model.Connectors.Count).Sum(k => model.ChargerOf(k).Phases);
        Assert.Equal(7, FailedCycleLimit.Of(model, i, new SiteConstraints { SiteCapKw = phases * voltageV * 7.05 / 1000 }));
        Assert.Equal(0, FailedCycleLimit.Of(model, i, new SiteConstraints { SiteCapKw = phases * voltageV * 5 / 1000 }));
    }
}
