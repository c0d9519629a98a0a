using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that refuses its cuts is stale from its answer and counted at the most it may hold (its old limit); it still
/// reports, so its car's draw is taken out of the grid reading too — the load nobody controls does not jump by that draw
/// (docs/control-loop-sessions.md, Session 14, "A refusing charger counted twice"; the real-timing e2e run's CP4).
/// </summary>
public sealed class RefusingChargerCountedOnceTests
{
    private const string ChargerId = "CP003";

    [Fact]
    public async Task A_charger_that_refused_its_cut_is_counted_once_in_the_load_nobody_controls()
    {
        TwoCarSite.OneChargerWrapped<CutRefusingCharger>? refusing = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => refusing = new(simulated, ChargerId, charger => new CutRefusingCharger(charger)),
            loopOptions: new ControlLoopOptions { CountRefusingChargerOnce = true });
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var heldA = Connector(harness).LimitA!.Value;
        Assert.True(Connector(harness).CurrentA.Max() > heldA - 1, $"the car drew {Connector(harness).CurrentA.Max()} A of its {heldA} A");

        // A cut by hand, which the charger refuses (and every one after it): stale, its car still at its old limit.
        refusing!.Charger!.RefuseCuts = true;
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 8, harness.Time.GetUtcNow(), "test", null));
        var staleCycles = 0;
        var mostExcessA = double.NegativeInfinity;
        await harness.RunAsync(TimeSpan.FromSeconds(30), h =>
        {
            var status = h.Loop.Latest!;
            if (Connector(status).Reason != "staleData" || status.Grid.UncontrolledA is not { } estimated)
            {
                return;
            }

            staleCycles++;
            for (var p = 0; p < 3; p++)
            {
                mostExcessA = Math.Max(mostExcessA, estimated[p] - h.Site.BaseLoadA[p]);
            }
        });

        Assert.True(refusing.Charger.Refused >= 1, "the charger never refused a cut");
        Assert.True(staleCycles > 20, $"stale in only {staleCycles} observations");

        // Counted once, at the most it may hold: the building's load plus its held limit (a little for the meter's age).
        // Counted twice, the excess is the held limit plus the car's draw, about twice that.
        Assert.True(mostExcessA <= heldA + 2, $"the load nobody controls was {mostExcessA:0.0} A over the building's own with a {heldA} A car stale");
    }

    private static ConnectorView Connector(SimulatedSiteHarness harness) => Connector(harness.Loop.Latest!);

    private static ConnectorView Connector(SiteStatus status) => TwoCarSite.Connector(status, ChargerId);

    /// <summary>A charger that, once told to, refuses every limit below the last it took.</summary>
    private sealed class CutRefusingCharger(ICharger inner) : ICharger
    {
        private double _takenA = double.PositiveInfinity;

        public string Id => inner.Id;

        public bool RefuseCuts { get; set; }

        public int Refused { get; private set; }

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            if (RefuseCuts && limitA < _takenA)
            {
                Refused++;
                return SetpointResult.Rejected("Rejected (test)");
            }

            var result = await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
            if (result.Outcome == SetpointOutcome.Accepted)
            {
                _takenA = limitA;
            }

            return result;
        }
    }
}
