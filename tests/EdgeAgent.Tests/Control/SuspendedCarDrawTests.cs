using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A car its charger says stopped on its own (SuspendedEV) draws nothing, whatever the status's currents say: an OCPP
/// StatusNotification carries none, so the driver keeps the last MeterValues' beside the new state and time
/// (docs/control-loop.md, Session 16, "Capacity"). Counted at what it drew before, the car kept its share and the load
/// nobody controls came out that much lower; what it may still hold (its committed limit) counts as before.
/// </summary>
public sealed class SuspendedCarDrawTests
{
    private const string ChargerId = "CP001"; // L1L2L3, 32 A
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_car_suspended_on_its_own_counts_no_draw_but_what_its_limit_lets_it_hold()
    {
        var (model, runtime) = Site();
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(16, 16, 16), 1000, null, Now.AddSeconds(-20));

        // The car stops; the charger's StatusNotification comes with the currents of its last MeterValues.
        runtime.Status = runtime.Status with { State = ConnectorState.SuspendedByCar, Timestamp = Now.AddSeconds(-1) };

        var input = Input(model);
        Assert.Equal(0, input.MeasuredCurrentA.MaxA);
        Assert.Equal(0, (input.MeasuredCurrentHighA ?? input.MeasuredCurrentA).MaxA);
        Assert.Equal(16, input.CommittedA);
    }

    [Fact]
    public void A_charging_car_counts_at_its_reading()
    {
        var (model, runtime) = Site();
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(16, 16, 16), 1000, null, Now.AddSeconds(-1));

        Assert.Equal(16, Input(model).MeasuredCurrentA.MaxA);
    }

    private static (SiteModel Model, ConnectorRuntime Runtime) Site()
    {
        var model = SiteModel.Build(new AppliedConfiguration(1, DemoSiteConfiguration.Create(), Now, "test"), null);
        var runtime = model.Connectors[model.IndexOf(ChargerId, 1)!.Value];
        runtime.Reachable = true;
        runtime.OccupiedSince = Now.AddMinutes(-10);
        var sent = runtime.TryBeginSend(16, Now.AddMinutes(-5))!.Sent;
        runtime.CompleteSend(sent, SetpointOutcome.Accepted, Now.AddMinutes(-5).AddSeconds(1));
        return (model, runtime);
    }

    private static ConnectorInput Input(SiteModel model)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, model.Connectors.Count).ToArray();
        var snapshot = model.Snapshot(Now, null, gridStale: true, new SiteConstraints(), caps, new ControlLoopOptions());
        return snapshot.Connectors.ToArray().First(c => c.ChargerId == ChargerId);
    }
}
