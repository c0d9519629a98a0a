using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// What a car said it needs (OCPP 2.0.1 NotifyEVChargingNeeds, in <see cref="ConnectorStatus.Needs"/>)
/// reaches the balancer: its departure, the energy it still wants, and the most current it takes.
/// </summary>
public sealed class CarNeedsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_balancer_gets_the_cars_departure_the_energy_it_still_wants_and_its_maximum_current()
    {
        var site = DemoSiteConfiguration.Create();
        var model = SiteModel.Build(new AppliedConfiguration(1, site, Now, "test"), null);
        var charger = site.Chargers[0];
        var runtime = model.Connectors[model.IndexOf(charger.Id, 1)!.Value];

        // The car said at 8:30, with the counter at 5 kWh, that it wants 20 kWh by 17:00 and takes at most 10 A;
        // it has taken 4 kWh since.
        var needs = new EvChargingNeeds(Now.AddHours(8), 20_000, 6, 10, Now.AddMinutes(-30));
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 10, 10), 9_000, null, Now, Needs: needs);
        runtime.NeedsSeen = (needs.ReportedAt, 5_000);

        var input = Input(model, charger.Id);
        Assert.Equal(Now.AddHours(8), input.DepartureAt);
        Assert.Equal(16_000, input.EnergyWantedWh!.Value, 6);
        Assert.Equal(Math.Min(10, charger.MaxCurrentA), input.MaxCurrentA);

        // A car that said nothing is planned as before: no departure, no need, the charger's maximum.
        runtime.Status = runtime.Status with { Needs = null };
        var silent = Input(model, charger.Id);
        Assert.Null(silent.DepartureAt);
        Assert.Null(silent.EnergyWantedWh);
        Assert.Equal(charger.MaxCurrentA, silent.MaxCurrentA);
    }

    [Fact]
    public void A_maximum_under_the_chargers_minimum_does_not_pause_the_car_and_a_need_met_is_zero()
    {
        var status = new ConnectorStatus(1, ConnectorState.Charging, PhaseValues.Zero, 30_000, null, Now, Needs: new EvChargingNeeds(null, 10_000, null, 2, Now));
        Assert.Equal(0, SiteModel.StillWantedWh(status, (Now, 12_000)));
        Assert.Equal(10_000, SiteModel.StillWantedWh(status, null));

        var site = DemoSiteConfiguration.Create();
        var model = SiteModel.Build(new AppliedConfiguration(1, site, Now, "test"), null);
        var charger = site.Chargers[0];
        model.Connectors[model.IndexOf(charger.Id, 1)!.Value].Status = status;
        Assert.Equal(charger.MaxCurrentA, Input(model, charger.Id).MaxCurrentA);
    }

    [Fact]
    public void A_limit_set_on_the_charger_from_outside_is_its_maximum_for_the_balancer()
    {
        // An energy management system holds the charger at 10 A (2.0.1 NotifyChargingLimit): the charger keeps its car
        // under it whatever the edge sends, so the balancer reserves no more for it and shares the rest.
        var site = DemoSiteConfiguration.Create();
        var model = SiteModel.Build(new AppliedConfiguration(1, site, Now, "test"), null);
        var charger = site.Chargers[0];
        var runtime = model.Connectors[model.IndexOf(charger.Id, 1)!.Value];
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 10, 10), 9_000, null, Now, ExternalLimitA: 10);
        Assert.Equal(10, Input(model, charger.Id).MaxCurrentA);

        // Cleared: the charger's own maximum again.
        runtime.Status = runtime.Status with { ExternalLimitA = null };
        Assert.Equal(charger.MaxCurrentA, Input(model, charger.Id).MaxCurrentA);

        // One that is no number of amperes says nothing (a NaN maximum would fail every cycle: issue 13 property 7).
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, -1 })
        {
            runtime.Status = runtime.Status with { ExternalLimitA = bad };
            Assert.Equal(charger.MaxCurrentA, Input(model, charger.Id).MaxCurrentA);
        }
    }

    private static ConnectorInput Input(SiteModel model, string chargerId)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, model.Connectors.Count).ToArray();
        var snapshot = model.Snapshot(Now, null, gridStale: true, new SiteConstraints(), caps, new ControlLoopOptions());
        return snapshot.Connectors.ToArray().Single(c => c.ChargerId == chargerId);
    }
}
