using System.Text.Json;
using ChargeNet.EdgeAgent.Tests.Control.RealSite;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// Issue 13's properties 1–4 end to end, over real protocols, against chargers with the timing of real ones
/// (<see cref="RealTimingSite"/>: one run of about 2.5 minutes for the whole class), scored on the peer's
/// ground truth. Bounds are the issue's; a property the daemon does not reach yet carries the trait Issue13=Open.
/// </summary>
[Collection(RealTimePhysicsRuns.Name)]
public sealed class RealTimingEndToEndTests : IClassFixture<RealTimingSite>
{
    // Property 3, as StabilityTests (the simulator's): "a few times a minute" is at most three, and a car is paused
    // and started again no faster than the balancer's hold times (60 s paused, 60 s running) allow. Measured at the
    // charger, a send may wait behind another by the longest answer on the site.
    private const double MaxChangesPerMinute = 3;
    private const double HoldS = 60 - RealTimingSite.LongestAnswerS;

    // The chargers boot and their cars start within this of the peer's start (1.7–3.2 s in the runs on record).
    private const double StartUpMs = 10_000;

    private readonly RealTimingSite _site;
    private readonly ITestOutputHelper _output;

    public RealTimingEndToEndTests(RealTimingSite site, ITestOutputHelper output)
    {
        _site = site;
        _output = output;
    }

    [RealSiteFact]
    public void The_daemon_configures_every_charger_sends_bounded_profiles_in_amperes_and_keeps_them_valid()
    {
        _site.AssertRan();
        foreach (var connector in _site.History.GetProperty("connectors").EnumerateObject().Where(c => c.Name.StartsWith("CP", StringComparison.Ordinal)))
        {
            var configuration = connector.Value.GetProperty("configuration").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
            Assert.Contains("MeterValueSampleInterval", configuration);
            Assert.Contains("MeterValuesSampledData", configuration);
            var requests = connector.Value.GetProperty("requests").EnumerateArray().ToList();
            Assert.NotEmpty(requests);
            Assert.All(requests, r =>
            {
                Assert.Equal("A", r.GetProperty("unit").GetString());
                Assert.True(r.GetProperty("validS").ValueKind == JsonValueKind.Number && r.GetProperty("validS").GetDouble() is > 0 and <= 600, $"{connector.Name}: a profile without a bounded validity: {r}");
            });
        }

        Assert.All(_site.AfterFaultState.GetProperty("ocpp").EnumerateObject(), c => Assert.Equal(0, c.Value.GetProperty("lapses").GetInt32()));

        _output.WriteLine($"what the chargers were sent and offered:\n{_site.History}\n\nthe run:\n{_site.Transcript}");

        // Strict ocpp-rpc refuses any frame off the OCPP schemas; the peer prints each refusal.
        Assert.DoesNotContain("stderr:", _site.Transcript, StringComparison.Ordinal);
    }

    [RealSiteFact]
    public void Property_1_the_cars_never_overload_the_grid_outside_the_grace_after_a_base_load_rise()
    {
        _site.AssertRan();
        var score = _site.AfterStepState.GetProperty("score");
        var overloadA = score.GetProperty("overloadMaxA").GetDouble();
        _output.WriteLine($"start-up overload (not scored: chargers offer their maximum until their first profile) {_site.Settled.GetProperty("score").GetProperty("overloadMaxA").GetDouble():0.0} A; car-caused overload after settling {overloadA:0.0} A at {score.GetProperty("overloadAtMs")} ms");
        Assert.True(overloadA <= 1, $"the cars overloaded the grid by {overloadA:0.0} A at {score.GetProperty("overloadAtMs")} ms, outside the grace after the step\n{_site.Timeline}");
    }

    // Met since Session 21: 2,128–2,638 ms in eight runs on main 19733bb, 2,093–2,557 ms in seven with a refusing charger counted
    // once (2026-12-04; 2,407 · 2,102 · 5,339 · 7,275 ms on 2026-12-03) (docs/control-loop-sessions.md, Session 21).
    [RealSiteFact]
    public void Property_1_after_a_base_load_step_the_grid_is_back_under_its_fuse_within_dead_time_plus_1_s()
    {
        _site.AssertRan();
        var backMs = _site.AfterStepState.GetProperty("step").GetProperty("backMs");
        _output.WriteLine($"back under {backMs} ms after the step (bound {RealTimingSite.GraceMs} ms)\n{_site.Timeline}");
        Assert.True(backMs.ValueKind == JsonValueKind.Number && backMs.GetDouble() <= RealTimingSite.GraceMs, $"the grid was back under its fuse {backMs} ms after the step (bound {RealTimingSite.GraceMs} ms)\n{_site.Timeline}");
    }

    // Met since Session 42: 93.1–93.8 % in six runs of the final rule (one at 90.8 % of an earlier form, where the start-up race
    // left CP4 near its minimum and unprobed until 55 s), once CP4's first probe goes on through CP5's stop (a car balanced on three
    // phases moves them alike). Before: 88–90 % (Sessions 38–41), CP4 counted on three phases until a second probe at about 56 s
    // (docs/control-loop-sessions.md, Session 42).
    [RealSiteFact]
    public void Property_2_in_steady_state_the_cars_use_at_least_90_percent_of_the_room()
    {
        _site.AssertRan();
        var use = _site.AfterWindow.GetProperty("score").GetProperty("capacityUse").GetDouble();
        _output.WriteLine($"capacity use {use:P1} from {_site.WindowFromMs / 1000:0} to {_site.WindowToMs / 1000:0} s\n{_site.Timeline}\nthe daemon's status then: {_site.DaemonStatus}");
        Assert.True(use >= 0.9, $"the cars used {use:P1} of the room from {_site.WindowFromMs / 1000:0} to {_site.WindowToMs / 1000:0} s\n{_site.Timeline}");
    }

    // Met since Session 21: 0.80–2.86 in eight runs on main 19733bb (2.86 in the run that paused CP1), 0.91–2.51 in seven
    // with a refusing charger counted once (2026-12-04; 3.09–4.34 on 2026-12-03) (docs/control-loop-sessions.md, Session 21).
    [RealSiteFact]
    public void Property_3_limits_change_at_most_three_times_a_minute_in_steady_state()
    {
        _site.AssertRan();
        var changes = PhysicsSiteHistory.LimitChangesPerConnectorMinute(_site.History, _site.WindowFromMs, _site.WindowToMs);
        _output.WriteLine($"{changes:0.00} limit changes over 1 A per connector per minute");
        Assert.True(changes <= MaxChangesPerMinute, $"{changes:0.00} limit changes over 1 A per connector per minute\n{_site.Timeline}");
    }

    // Met since Session 23: no pause in any run on record from 2026-12-05 01:50 (Sessions 23–32; the run before them, Session 23's
    // main, failed at start-up: the OCPP cars started at their chargers' own limits before their first profiles and wb1 was paused
    // 5.4 s after its start — a pause the load needed, which this test judged until Session 42; Session 26). Before: CP4's refused cut
    // counted twice targeted CP1 a pause with the grid at 56 A of 77 (docs/control-loop-sessions.md, Sessions 21 and 32).
    [RealSiteFact]
    public void Property_3_no_car_is_paused_and_started_again_faster_than_the_hold_times()
    {
        _site.AssertRan();

        // Until the step: a step may pause cars at once. Nor the start-up's overload: before their first profiles the chargers offer
        // their own maximum, and when that reaches the cars first the grid reads over its fuse and cars are paused at once, as at a
        // step — whether it does is a race between the chargers' boot and the daemon's first cycle (one run in eleven of Session 42;
        // Session 23's main, Session 41's branch). Left out: the runs it ended, and the pauses begun within its grace.
        var overloadEndMs = PhysicsSiteHistory.StartUpOverloadEndMs(_site.History, _site.SiteFuseA, StartUpMs);
        var fromS = overloadEndMs > 0 ? (overloadEndMs + RealTimingSite.GraceMs) / 1000 : 0;
        var spans = PhysicsSiteHistory.PausesAndRuns(_site.History, _site.StepAtMs);
        _output.WriteLine(spans.Count == 0 ? "no pause" : string.Join('\n', spans.Select(s => $"{s.Connector} {s.Kind} at {s.FromS:0.0} s for {s.LengthS:0.0} s")));
        _output.WriteLine($"the start-up's pauses until {fromS:0.0} s left out");
        var short_ = spans.Where(s => s.LengthS < HoldS && (s.Kind == "run" ? s.FromS + s.LengthS > fromS : s.FromS >= fromS)).ToList();
        Assert.True(short_.Count == 0, $"paused or running for less than {HoldS} s: {string.Join("; ", short_.Select(s => $"{s.Connector} {s.Kind} at {s.FromS:0.0} s for {s.LengthS:0.0} s"))}\n{_site.Timeline}");
    }

    [RealSiteFact]
    public void Property_4_after_the_grid_meter_goes_silent_the_cars_are_at_the_fallback_within_the_bound()
    {
        _site.AssertRan();
        var fallbackMs = _site.AfterFaultState.GetProperty("score").GetProperty("fallbackMs").GetDouble();
        _output.WriteLine($"the cars at or under {RealTimingSite.FallbackA} A per phase together {fallbackMs:0} ms after the meter went silent (bound {RealTimingSite.FallbackBoundMs} ms)");
        Assert.True(fallbackMs <= RealTimingSite.FallbackBoundMs, $"the cars drew more than {RealTimingSite.FallbackA} A for {fallbackMs:0} ms after the meter went silent (bound {RealTimingSite.FallbackBoundMs} ms)\n{_site.Timeline}");
    }
}
