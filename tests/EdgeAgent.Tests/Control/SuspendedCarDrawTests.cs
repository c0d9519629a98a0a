using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A status's currents may be an older MeterValues': an OCPP StatusNotification carries none, so the driver keeps the last
/// MeterValues' beside the new state and time (docs/control-loop-sessions.md, Session 16, "Capacity"). A car its charger says
/// stopped on its own (SuspendedEV) draws nothing, and no car draws more than its limits let it (Session 18, "A paused
/// car"): counted at what it drew before, the load nobody controls came out that much lower. What it may still hold (its
/// committed limit) counts as before.
/// </summary>
public sealed class SuspendedCarDrawTests
{
    private static readonly DateTimeOffset Now = DemoConnector.Now;

    [Fact]
    public void A_car_suspended_on_its_own_counts_no_draw_but_what_its_limit_lets_it_hold()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-20));

        // The car stops; the charger's StatusNotification comes with the currents of its last MeterValues.
        connector.Notify(ConnectorState.SuspendedByCar, Now.AddSeconds(-1));

        var input = connector.Input();
        Assert.Equal(0, input.MeasuredCurrentA.MaxA);
        Assert.Equal(0, (input.MeasuredCurrentHighA ?? input.MeasuredCurrentA).MaxA);
        Assert.Equal(16, input.CommittedA);
    }

    [Fact]
    public void A_charging_car_counts_at_its_reading()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-1));

        Assert.Equal(16, connector.Input().MeasuredCurrentA.MaxA);
    }

    [Fact]
    public void A_car_the_loop_paused_counts_no_more_in_the_low_end_than_its_pause_lets_it_draw()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-40));

        // Paused 30 s ago; the charger says so (SuspendedEVSE) with the 16 A of its last MeterValues. On main: 16 A.
        connector.Send(0, Now.AddSeconds(-30));
        connector.Notify(ConnectorState.SuspendedByController, Now.AddSeconds(-1));

        Assert.Equal(PhaseCurrentsOf(0), connector.Input().MeasuredCurrentA);
    }

    [Fact]
    public void A_car_whose_pause_is_not_yet_in_force_counts_at_the_most_it_may_draw()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-3));

        // The pause was sent 1.5 s ago: the car may still draw its 16 A for the rest of its response time (issue 13, property 5).
        connector.Send(0, Now.AddSeconds(-1.5));
        connector.Notify(ConnectorState.SuspendedByController, Now);

        var input = connector.Input();
        Assert.Equal(16, input.CommittedA);
        Assert.Equal(16, (input.MeasuredCurrentHighA ?? input.MeasuredCurrentA).MaxA);
    }

    [Fact]
    public void A_car_that_starts_again_on_its_own_counts_no_more_than_the_limit_it_holds_now()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-70));
        connector.Notify(ConnectorState.SuspendedByCar, Now.AddSeconds(-60));

        // Held at its minimum while stopped; it starts again, and its status carries the 16 A it drew before. On main: 16 A.
        connector.Send(6, Now.AddSeconds(-50));
        connector.Notify(ConnectorState.Charging, Now.AddSeconds(-1));

        Assert.Equal(PhaseCurrentsOf(6), connector.Input().MeasuredCurrentA);
    }

    private static LoadBalancer.PhaseCurrents PhaseCurrentsOf(double currentA) => new(currentA, currentA, currentA);
}
