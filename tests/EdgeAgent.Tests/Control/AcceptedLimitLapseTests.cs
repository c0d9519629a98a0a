using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that refuses a raise stays under the limit it accepted before, and the loop counts it there (a raise not taken is not
/// stale). But that limit is an OCPP profile valid for a while, refreshed only while it is the limit asked for: once it lapses the
/// charger is back on its own default, which nothing counts. So a connector is stale — counted at the most it may hold and sent its
/// failsafe — from a car's response and a cycle before the limit it accepted lapses, and counted at its maximum from a cycle before
/// on if nothing renewed it (docs/control-loop.md, "Failsafes", "a limit that lapses").
/// </summary>
public sealed class AcceptedLimitLapseTests
{
    private const string Refusing = "CP003";
    private const double FailsafeA = 6;

    [Theory]
    [InlineData(60, false, 8)] // a minute ahead: the charger holds it, counted there (it refused the raise)
    [InlineData(7, false, 8)] // just over a response and a cycle (5 s + 1 s) ahead
    [InlineData(6, true, 8)] // a response and a cycle ahead: the others must be cut before the charger may draw more
    [InlineData(1, true, 32)] // a cycle ahead, nothing renewed: on its own default (its maximum) whatever it accepted
    [InlineData(-1, true, 32)] // lapsed
    public void A_raise_not_taken_is_not_stale_until_the_limit_the_charger_accepted_is_about_to_lapse_and_lapsed_counts_at_its_maximum(double validForS, bool stale, double committedA)
    {
        var t = DemoConnector.Now.AddSeconds(-10);
        var connector = DemoConnector.WithLimit(8, t.AddMinutes(-5));
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(12, t)!.Sent, SetpointOutcome.Rejected, t.AddSeconds(1));
        connector.Report(new PhaseValues(8, 8, 8), t.AddSeconds(2));
        connector.Runtime.AcceptedLimitValidTo = DemoConnector.Now.AddSeconds(validForS);

        var counted = connector.Input();
        Assert.Equal(stale, counted.IsStale);
        Assert.Equal(committedA, counted.CommittedA);
    }

    [Fact]
    public void A_confirmed_limit_about_to_lapse_is_stale_too()
    {
        // The driver's refreshes failing while the loop asks nothing new: the same lapse, the loop's last send confirmed.
        var connector = DemoConnector.WithLimit(8, DemoConnector.Now.AddMinutes(-9));
        connector.Report(new PhaseValues(8, 8, 8), DemoConnector.Now.AddSeconds(-1));
        Assert.False(connector.Input().IsStale);

        connector.Runtime.AcceptedLimitValidTo = DemoConnector.Now.AddSeconds(1);
        Assert.True(connector.Input() is { IsStale: true, CommittedA: 32 });
    }

    [Fact]
    public void The_longest_lead_the_options_allow_stays_inside_the_time_between_a_refresh_and_the_validTo()
    {
        // Counted as lapsing a response and a cycle ahead of its validTo, a charger whose refreshes go through must never be: the
        // longest lead the validator lets through is well under the driver's LimitValidity − LimitRefreshPeriod.
        var validator = new ControlLoopOptionsValidator();
        var longest = new ControlLoopOptions { VehicleResponseTime = TimeSpan.FromSeconds(60), Period = TimeSpan.FromSeconds(10) };
        Assert.True(validator.Validate(null, longest).Succeeded);
        Assert.False(validator.Validate(null, new ControlLoopOptions { VehicleResponseTime = TimeSpan.FromSeconds(61) }).Succeeded);
        var settings = new ChargeNet.Drivers.Ocpp.Ports.OcppChargerSettings();
        Assert.True(longest.VehicleResponseTime + longest.Period < (settings.LimitValidity - settings.LimitRefreshPeriod) / 2);
    }

    [Fact]
    public async Task A_charger_refusing_every_raise_gets_its_failsafe_before_the_limit_it_holds_lapses_and_never_falls_back_to_its_default()
    {
        LapsingCharger? refusing = null;
        TimeProvider? time = null;
        var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => new TwoCarSite.OneChargerWrapped<LapsingCharger>(simulated, Refusing, charger =>
                refusing = new LapsingCharger(charger, () => time!.GetUtcNow(), defaultA: 16)));
        await using var _ = harness;
        time = harness.Time;

        // Capped at 8 A by hand and confirmed there; from then on the charger refuses every raise, and its 8 A lapses after 90 s.
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 8, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        Assert.True(Connector(harness) is { Confirmed: true, LimitA: 8 }, $"before: {Connector(harness)}");
        refusing!.RefuseRaises(TimeSpan.FromSeconds(90));
        var lapsesAt = harness.Time.GetUtcNow().AddSeconds(90);

        // The cap is raised to 10 A: that raise is refused again and again (counted at 10 A, not stale) ...
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 10, harness.Time.GetUtcNow(), "test", null));
        var reasons = new List<(DateTimeOffset At, string? Reason)>();
        await harness.RunAsync(TimeSpan.FromSeconds(200), h => reasons.Add((h.Time.GetUtcNow(), Connector(h).Reason)));

        // ... until the 8 A is about to lapse: then it is stale and its failsafe, a cut it takes, renews what it holds.
        Assert.Empty(refusing.Lapses);
        Assert.DoesNotContain(reasons, r => r.Reason == "staleData" && r.At < lapsesAt.AddSeconds(-10));
        Assert.Contains(refusing.Accepted, a => a.LimitA <= FailsafeA && a.At < lapsesAt);
    }

    private static ConnectorView Connector(SimulatedSiteHarness harness) => TwoCarSite.Connector(harness.Loop.Latest!, Refusing);
}
