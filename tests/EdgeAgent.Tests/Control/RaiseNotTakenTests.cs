using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A raise the charger refuses or fails to take (docs/control-loop.md, "Failsafes"): the charger keeps a
/// limit it confirmed before, or took the raise after all — both are counted, both were safe when sent.
/// It is not treated as a charger gone stale: its car is not dropped to the failsafe current, and the raise
/// is sent again until it is taken.
/// </summary>
public sealed class RaiseNotTakenTests
{
    private const string ChargerId = "CP003";
    private const double CappedA = 10;

    [Theory]
    [InlineData(SetpointOutcome.Rejected)]
    [InlineData(SetpointOutcome.Failed)]
    public async Task A_car_whose_raise_was_not_taken_keeps_its_limit_and_gets_the_raise_when_the_charger_takes_it(SetpointOutcome refusal)
    {
        TwoCarSite.OneChargerWrapped<RefusingCharger>? refusing = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => refusing = new(simulated, ChargerId, charger => new RefusingCharger(charger, refusal)));

        // Capped by hand at 10 A, which the charger takes; then the cap is lifted and the charger refuses the
        // first raise (Rejected), or its delivery fails (Failed).
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, CappedA, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(CappedA, Connector(harness).LimitA);
        Assert.True(Connector(harness).CurrentA.Max() > CappedA - 1, $"the capped car drew {Connector(harness).CurrentA.Max()} A");

        refusing!.Charger!.RefuseNextRaise();
        Assert.NotNull(harness.ManualLimits.Clear(ChargerId, null));
        var reasons = new List<string?>();
        var leastDrawA = double.PositiveInfinity;
        await harness.RunAsync(TimeSpan.FromSeconds(30), h =>
        {
            var status = h.Loop.Latest!;
            reasons.Add(Connector(status).Reason);
            leastDrawA = Math.Min(leastDrawA, Connector(status).CurrentA.Max());
        });

        Assert.True(refusing.Charger.Refused >= 1, "the charger never refused a raise");
        Assert.All(refusing.Charger.Requested, a => Assert.True(a >= CappedA, $"{a} A was sent after a raise was not taken (the failsafe is 6 A)"));
        Assert.DoesNotContain("staleData", reasons);
        Assert.True(leastDrawA > CappedA - 1, $"the car fell to {leastDrawA:0.0} A");
        Assert.True(Connector(harness).LimitA > CappedA && Connector(harness).Confirmed, $"the raise was never taken: {Connector(harness)}");
    }

    private static ConnectorView Connector(SimulatedSiteHarness harness) => Connector(harness.Loop.Latest!);

    private static ConnectorView Connector(SiteStatus status) => TwoCarSite.Connector(status, ChargerId);

    /// <summary>A charger that, once told to, refuses or fails to take the next limit above the last it took; it records every limit asked of it from then on.</summary>
    private sealed class RefusingCharger(ICharger inner, SetpointOutcome refusal) : ICharger
    {
        private readonly List<double> _requested = [];
        private double _takenA;
        private bool _armed;

        public string Id => inner.Id;

        public IReadOnlyList<double> Requested => _requested;

        public int Refused { get; private set; }

        public void RefuseNextRaise() => _armed = true;

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            if (_armed || Refused > 0)
            {
                _requested.Add(limitA);
            }

            if (_armed && limitA > _takenA)
            {
                _armed = false;
                Refused++;
                if (refusal == SetpointOutcome.Rejected)
                {
                    return SetpointResult.Rejected("Rejected (test)");
                }

                // The delivery failed (a dropped connection, no answer in time): the charger may or may not hold it.
                throw new IOException("the charger did not answer (test)");
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
