using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A connector's currents are judged at the time they were measured (<see cref="ConnectorStatus.CurrentsAt"/>), not at the
/// status's: an OCPP StatusNotification carries no currents and re-stamps those of the last MeterValues. Judged at the
/// StatusNotification's time, a car read before its raise looked self-limited (under the raised limit) and its draw fresh,
/// so the load nobody controls was counted high by the raise and the room went unused (docs/control-loop-sessions.md, Session 25).
/// </summary>
public sealed class CurrentsJudgedAtTheirOwnTimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_status_notification_after_a_raise_does_not_make_the_older_reading_the_cars_draw()
    {
        var runtime = RaisedRuntime.At(T0, 7.2, 12.6);
        var read = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(7.2, 7.2, 7.2), 1000, 7.2, T0.AddSeconds(-1));
        See(runtime, null, read);

        // Ten seconds after the raise, the charger says it is charging: the currents are still those read before the raise.
        var notified = read with { Timestamp = T0.AddSeconds(10), CurrentsMeasuredAt = read.Timestamp };
        See(runtime, read, notified);

        Assert.Null(runtime.Car.AppetiteA);
        var estimate = EstimateAt(runtime, T0.AddSeconds(11));
        Assert.Equal(new PhaseCurrents(12.6, 12.6, 12.6), estimate.LowA);
        Assert.Equal(new PhaseCurrents(12.6, 12.6, 12.6), estimate.HighA);
    }

    [Fact]
    public void A_reading_taken_after_the_raise_that_shows_the_car_under_it_still_makes_it_self_limited()
    {
        var runtime = RaisedRuntime.At(T0, 7.2, 12.6);
        var read = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(9.0, 9.0, 9.0), 1000, 12.6, T0.AddSeconds(10));
        See(runtime, null, read);

        Assert.Equal(9.0, runtime.Car.AppetiteA);
        var estimate = EstimateAt(runtime, T0.AddSeconds(11));
        Assert.Equal(new PhaseCurrents(9.0, 9.0, 9.0), estimate.LowA);
    }

    [Fact]
    public void A_charger_that_has_sent_no_meter_values_yet_teaches_nothing_and_counts_by_its_limits()
    {
        var runtime = RaisedRuntime.At(T0, 7.2, 12.6);
        var status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(0, 0, 0), 0, null, T0.AddSeconds(10), CurrentsMeasuredAt: DateTimeOffset.MinValue);
        See(runtime, null, status);

        Assert.Null(runtime.Car.AppetiteA);
        var estimate = EstimateAt(runtime, T0.AddSeconds(10.5));
        Assert.Equal(new PhaseCurrents(12.6, 12.6, 12.6), estimate.LowA);
    }

    // The frozen-meter check (SiteModel.CurrentReportedBehind): a charger that reported drawing within 15 s makes a meter above it
    // that reads idle suspect. A StatusNotification re-stamping a 40 s old reading is no such report.
    [Theory]
    [InlineData(-40, false)]
    [InlineData(-5, true)]
    public void Only_currents_measured_lately_make_an_idle_meter_above_them_suspect(int readS, bool expected)
    {
        var now = DemoConnector.Now;
        var connector = DemoConnector.WithLimit(16, sentAt: now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 16, 16), now.AddSeconds(readS));
        connector.Notify(ConnectorState.Charging, now.AddSeconds(-1));

        Assert.Equal(expected, connector.Model.CurrentReportedBehind(now)[0]);
    }

    // The loop's order: the new status teaches the car model, then stands as the connector's last status.
    private static void See(ConnectorRuntime runtime, ConnectorStatus? earlier, ConnectorStatus status)
    {
        runtime.Car = DrawEstimator.Learn(earlier is null ? CarDrawModel.Unknown : runtime.Car, earlier, status, runtime.History, Response, 3);
        runtime.Status = status;
    }

    private static DrawEstimate EstimateAt(ConnectorRuntime runtime, DateTimeOffset now) =>
        DrawEstimator.Estimate(runtime, 3, now, now, Response, FreshFor, countUnknownLimit: true);
}
