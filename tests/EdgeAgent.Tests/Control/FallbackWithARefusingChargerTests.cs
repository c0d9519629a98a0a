using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Issue 13, property 4: with the grid meter unknown the cars together are at the fallback current per phase within
/// meterTimeoutS + one cycle + their dead time — also while a charger refuses the fallback's cut. A charger that refused
/// one of its latest limits is offered no more than the fallback current beforehand, so once the others are
/// cut the phase holds whatever it answers (site bench seed 1 at 5 s: a 32 A car against a 30 A fallback, four refusals in
/// a row, 4 s past the bound; docs/control-loop.md, Session 19).
/// </summary>
public sealed class FallbackWithARefusingChargerTests
{
    private const string Refusing = "CP003";
    private const string Other = "CP004";
    private const double FallbackA = 12;

    [Fact]
    public async Task A_charger_that_refused_a_limit_holds_no_more_than_the_fallback_so_a_silent_meter_is_kept_even_while_it_refuses_every_cut()
    {
        var site = TwoCarSite.Configuration();
        site = site with { Grid = site.Grid with { FallbackCurrentA = FallbackA } };
        TwoCarSite.OneChargerWrapped<RefusingCharger>? wrapped = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(site, TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Refusing, charger => new RefusingCharger(charger)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(16, Connector(harness, Refusing).LimitA);

        // Its charger refuses one cut (a cap set by hand); the cap lifted, it is offered no more than the fallback.
        wrapped!.Charger!.RefuseNext = 1;
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 10, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(harness.ManualLimits.Clear(Refusing, null));
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        Assert.True(Connector(harness, Refusing).LimitA <= FallbackA, $"main offered it its 16 A maximum: {Connector(harness, Refusing)}");
        Assert.Equal(16, Connector(harness, Other).LimitA);

        // The grid meter goes silent and the charger refuses every cut from now on: within the bound the cars are at the fallback.
        wrapped.Charger.RefuseAll = true;
        ((SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId]).Online = false;
        // The simulated car follows its pilot with a 2 s time constant rather than a dead time: three of them more to settle.
        var boundS = site.Grid.MeterTimeoutS + 1 + new ControlLoopOptions().VehicleResponseTime.TotalSeconds;
        await harness.RunAsync(TimeSpan.FromSeconds(boundS) + (3 * SimulatedCar.ResponseTime));
        Assert.True(harness.Loop.Latest!.Grid.Fallback);

        var drawnA = new double[3];
        foreach (var charger in harness.Devices.Current.Chargers.Values)
        {
            var status = await charger.ReadStatusAsync(CancellationToken.None);
            foreach (var connector in status.Connectors)
            {
                // Each charger's largest phase on every grid phase: at least what the cars draw there, whatever their wiring.
                for (var p = 0; p < 3; p++)
                {
                    drawnA[p] += connector.CurrentA.Max;
                }
            }
        }

        Assert.All(drawnA, a => Assert.True(a <= FallbackA + 0.1, $"the cars draw {a:0.0} A against the {FallbackA} A fallback"));
        Assert.True(wrapped.Charger.Refused >= 2, "the charger was never asked to cut in the fallback");
    }

    private static ConnectorView Connector(SimulatedSiteHarness harness, string chargerId) => TwoCarSite.Connector(harness.Loop.Latest!, chargerId);

    /// <summary>A charger that refuses the next limits it is told to, or once told so every one.</summary>
    private sealed class RefusingCharger(ICharger inner) : ICharger
    {
        public string Id => inner.Id;

        public int RefuseNext { get; set; }

        public bool RefuseAll { get; set; }

        public int Refused { get; private set; }

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            if (RefuseAll || RefuseNext > 0)
            {
                RefuseNext = Math.Max(0, RefuseNext - 1);
                Refused++;
                return Task.FromResult(SetpointResult.Rejected("Rejected (test)"));
            }

            return inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
        }
    }
}
