using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The load nobody controls does not move when a decrease is sent (docs/control-loop.md, "Estimating the load
/// nobody controls"): the grid reading holds the car's old draw until the car has answered, so the car is
/// credited it meanwhile. Counted at its new limit from the send on, every decrease made the base look larger,
/// and after a rise of the base the next cycles paused one car after another.
/// </summary>
public sealed class DecreaseCreditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_decrease_sent_leaves_the_load_nobody_controls_where_it_was_and_a_later_rise_is_seen_whole()
    {
        var model = SiteModel.Build(new AppliedConfiguration(1, DemoSiteConfiguration.Create(), T0, "test"), null);
        foreach (var connector in model.Connectors)
        {
            connector.Reachable = true;
            connector.Status = new ConnectorStatus(1, ConnectorState.Available, PhaseValues.Zero, 0, null, T0.AddSeconds(-8));
        }

        // Two three-phase cars at 16 A each, reported 8 s ago (an OCPP charger's reading, not fresh); 30 A nobody controls.
        var cars = new[] { model.IndexOf("CP001", 1)!.Value, model.IndexOf("CP002", 1)!.Value };
        foreach (var i in cars)
        {
            var runtime = model.Connectors[i];
            var sent = runtime.TryBeginSend(16, T0.AddMinutes(-2))!;
            runtime.CompleteSend(sent, SetpointOutcome.Accepted, T0.AddMinutes(-2).AddSeconds(1));
            runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(16, 16, 16), 5_000, 16, T0.AddSeconds(-8));
        }

        Assert.Equal(30, BaseA(model, T0, 62), 6);

        // CP001 is sent 6 A and confirms it; its car answers only after its dead time: the reading stays.
        var decrease = model.Connectors[cars[0]].TryBeginSend(6, T0.AddSeconds(0.1))!;
        model.Connectors[cars[0]].CompleteSend(decrease, SetpointOutcome.Accepted, T0.AddSeconds(0.4));
        Assert.Equal(30, BaseA(model, T0.AddSeconds(0.5), 62), 6);
        Assert.Equal(30, BaseA(model, T0.AddSeconds(1), 62), 6);

        // The car has answered: the reading falls by the 10 A it gave back, and the base stays.
        Assert.Equal(30, BaseA(model, T0.AddSeconds(2.5), 52), 6);

        // A rise of 20 A while the decrease's band is still open is seen whole, not taken for the car's old draw.
        Assert.Equal(50, BaseA(model, T0.AddSeconds(3), 72), 6);
    }

    // The load nobody controls on grid L1 as the balancer's low end gives it: the reading less every connector's low end.
    private static double BaseA(SiteModel model, DateTimeOffset now, double readingA)
    {
        var reading = new MeterReading(now, new PhaseValues(readingA, readingA, readingA), PhaseValues.Zero, PhaseValues.Zero, 0, 0);
        var caps = Enumerable.Repeat(double.PositiveInfinity, model.Connectors.Count).ToArray();
        var snapshot = model.Snapshot(now, reading, gridStale: false, new SiteConstraints(), caps, new ControlLoopOptions());
        var baseA = readingA;
        foreach (var input in snapshot.Connectors)
        {
            for (var k = 0; k < input.WiredPhases; k++)
            {
                baseA -= input.Rotation.GridPhase(k) == 0 ? input.MeasuredCurrentA[k] : 0;
            }
        }

        return baseA;
    }
}
