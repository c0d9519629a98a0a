using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>A car's phases, once seen in its charger's per-phase reports, stay known while it is paused (docs/control-loop.md, "What the car takes").</summary>
public sealed class CarPhasesKeptTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_paused_car_keeps_the_phases_it_was_seen_on_and_its_band_stays_on_them()
    {
        var history = LimitHistory.Start(32).Sent(16, T0.AddMinutes(-5)).Answered(T0.AddMinutes(-5), LimitEpochState.Accepted, T0.AddMinutes(-5));
        var drawing = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(16, 0, 0), 1000, 16, T0);
        var car = DrawEstimator.Learn(CarDrawModel.Unknown, null, drawing, history, TimeSpan.FromSeconds(5), 3);

        history = history.Sent(0, T0.AddSeconds(1)).Answered(T0.AddSeconds(1), LimitEpochState.Accepted, T0.AddSeconds(2));
        var paused = new ConnectorStatus(1, ConnectorState.SuspendedByController, PhaseValues.Zero, 1004, 0, T0.AddSeconds(30));
        car = DrawEstimator.Learn(car, drawing, paused, history, TimeSpan.FromSeconds(5), 3);

        Assert.Equal(0b001, car.PhaseMask);

        // Resumed: the band of the raise is on L1 alone.
        var runtime = new ConnectorRuntime("cp", 1, 32) { Status = paused, Car = car };
        var sent = runtime.TryBeginSend(16, T0.AddSeconds(40))!.Sent;
        runtime.CompleteSend(sent, SetpointOutcome.Accepted, T0.AddSeconds(41));
        var estimate = DrawEstimator.Estimate(runtime, 3, T0.AddSeconds(50), T0.AddSeconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), countUnknownLimit: true);

        Assert.Equal(new PhaseCurrents(16, 0, 0), estimate.HighA);
    }
}
