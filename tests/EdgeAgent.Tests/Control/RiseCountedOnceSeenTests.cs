using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A started or raised car's draw lies between its older, lower limit and its new one until its response time is over or
/// a report shows it up at the new one: a report after the confirmation that shows it still under the new limit does not
/// make the low end (taken out of the meters for the load nobody controls) the new limit (docs/control-loop-sessions.md, Session 14,
/// "A start counted early"; Session 15, "Seed 23"; Session 19).
/// </summary>
public sealed class RiseCountedOnceSeenTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(0.0, 6.4, 1.0, 3.5)] // a start, as seed 23's cp0018 at 5 s dead time (--obedient --one-call, 434.5 s)
    [InlineData(0.0, 12.5, 0.5, 4.5)]
    [InlineData(7.2, 12.6, 2.0, 4.9)] // a raise, as its cp0000 there
    public void A_report_of_the_car_still_under_its_new_limit_keeps_the_low_end_at_the_older_one(double fromA, double toA, double reportAfterS, double estimateAfterS)
    {
        var runtime = Raised(fromA, toA);
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(fromA, fromA, fromA), 1000, toA, T0.AddSeconds(reportAfterS));

        var now = T0.AddSeconds(estimateAfterS);
        var estimate = DrawEstimator.Estimate(runtime, 3, now, now, Response, FreshFor, countUnknownLimit: true);

        Assert.Equal(new PhaseCurrents(fromA, fromA, fromA), estimate.LowA);
        Assert.Equal(new PhaseCurrents(toA, toA, toA), estimate.HighA);
    }

    // Held-out seed 46 at 5 s dead time (docs/control-loop-sessions.md, Session 18): the one-phase car on L2, raised 15.3 → 24.6 A, a
    // reading after the raise's confirmation still at 15.3 A. On main the low end was 24.6 A half a second before the car
    // took it, the load nobody controls read 9.3 A low, and two cars were started into that room.
    [Theory]
    [InlineData(-4.0, -2.5, 15.3, 15.3)] // confirmed 3 s ago, not seen up: the old draw (main: 24.6)
    [InlineData(-4.0, -2.5, 24.5, 24.6)] // seen up at the new limit: the new limit
    [InlineData(-6.5, -2.5, 15.3, 24.6)] // confirmed 5.5 s ago, its response time over: the new limit
    public void A_raise_confirmed_counts_at_the_old_draw_in_the_low_end_until_the_car_is_seen_up_or_its_response_time_is_over(
        double sentS, double readS, double readA, double lowA)
    {
        var now = DemoConnector.Now;
        var connector = DemoConnector.WithLimit(15.3, sentAt: now.AddMinutes(-5));
        connector.Report(new PhaseValues(0, 15.3, 0), now.AddMinutes(-1));
        connector.Send(24.6, now.AddSeconds(sentS));
        connector.Report(new PhaseValues(0, readA, 0), now.AddSeconds(readS)); // older than FreshReadingAge (2 s): not the draw itself

        var input = connector.Input(); // the loop's defaults
        Assert.Equal(new PhaseCurrents(0, lowA, 0), input.MeasuredCurrentA);
        Assert.Equal(new PhaseCurrents(0, 24.6, 0), input.MeasuredCurrentHighA);
        Assert.Equal(24.6, input.CommittedA);
    }

    [Fact]
    public void Seen_up_at_its_new_limit_or_once_its_response_time_is_over_the_raised_car_counts_at_it()
    {
        var seen = Raised(7.2, 12.6);
        seen.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(12.5, 12.5, 12.5), 1000, 12.6, T0.AddSeconds(2.5));
        var now = T0.AddSeconds(4.6); // the reading is older than FreshFor: the band is the estimate's, not the reading's
        Assert.Equal(new PhaseCurrents(12.6, 12.6, 12.6), DrawEstimator.Estimate(seen, 3, now, now, Response, FreshFor, countUnknownLimit: true).LowA);

        var unseen = Raised(7.2, 12.6);
        unseen.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(7.2, 7.2, 7.2), 1000, 12.6, T0.AddSeconds(1));
        var over = T0.AddSeconds(0.2) + Response + TimeSpan.FromSeconds(0.1);
        Assert.Equal(new PhaseCurrents(12.6, 12.6, 12.6), DrawEstimator.Estimate(unseen, 3, over, over, Response, FreshFor, countUnknownLimit: true).LowA);
    }

    [Fact]
    public void A_decrease_seen_taken_still_ends_the_older_higher_limit_at_once()
    {
        var runtime = Raised(16, 6);
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(6, 6, 6), 1000, 6, T0.AddSeconds(1));

        var now = T0.AddSeconds(3.5);
        var estimate = DrawEstimator.Estimate(runtime, 3, now, now, Response, FreshFor, countUnknownLimit: true);

        Assert.Equal(new PhaseCurrents(6, 6, 6), estimate.LowA);
        Assert.Equal(new PhaseCurrents(6, 6, 6), estimate.HighA);
    }

    // Held at fromA for two minutes (its car read there a minute before T0), then set to toA at T0 and accepted 0.2 s later.
    private static ConnectorRuntime Raised(double fromA, double toA)
    {
        var runtime = RaisedRuntime.At(T0, fromA, toA);
        runtime.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(fromA, fromA, fromA), 1000, fromA, T0.AddSeconds(-60));
        return runtime;
    }
}
