using ChargeNet.EdgeAgent.Control;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The last resort at a step, for a charger with a record of limits not taken (docs/control-loop-sessions.md, Session 21): the base load
/// alone fills the car's grid phase, and the car's charger, which did not take two of its recent limits, leaves its pause
/// unanswered. An answer (or the write timeout) comes later than the grace property 1 allows — the car's dead time and a
/// second — so the session is ended in the cycle that pauses the car, before the pause's answer.
/// </summary>
public sealed class SessionStopOnRecordTests
{
    /// <summary>The rule on (off by default: docs/control-loop-sessions.md, Session 21), at the mark of two limits not taken.</summary>
    private static ControlLoopOptions RuleOn => new() { SessionStopOnRefusalRecord = 2 };

    /// <summary>Property 1's grace at the test site's 1 s dead time, and a cycle to see the step in.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task A_car_whose_charger_has_a_record_of_refusals_is_stopped_with_its_pause_and_the_phase_is_under_within_the_grace()
    {
        await using var site = await SessionStopTests.StepSiteAsync(
            oneCall: false, rejectsStop: false, options: RuleOn, beforeStep: (loop, car) => GiveARecordAsync(loop, car, refusals: 2), atStep: [ScriptedAnswer.Never]);
        var (car, phase) = site.Refusing;

        await site.Loop.RunAsync(Grace);

        // With the rule off (SessionStopOnRefusalRecord = 0, the default and main's loop) the stop waits for two answers not taken: the write
        // timeout twice (5 s each), so the car draws on for about 11 s.
        Assert.True(car.Car!.DrawA == 0, $"the car behind a charger with a record still draws {car.Car.DrawA:0.0} A {Grace.TotalSeconds} s after the step; grid L{phase + 1} {site.OverA:0.0} A over its limit");
        Assert.True(site.OverA <= 0.05, $"grid L{phase + 1} is {site.OverA:0.0} A over its limit {Grace.TotalSeconds} s after the step");
        var charger = site.Loop.Site.OcppChargers.Single(c => c.Id == car.ChargerId);
        Assert.Equal([car.Index], charger.SessionsEnded.Select(s => s.Connector));
        Assert.Empty(site.Loop.Site.OcppChargers.Where(c => c != charger).SelectMany(c => c.SessionsEnded));

        // The stop's own answer comes 0.1–3 s after it: then the operator is told.
        await site.Loop.RunAsync(TimeSpan.FromSeconds(3.5));
        var events = await site.Loop.Rig.Store.Events.ListAsync(100, 0, CancellationToken.None);
        var stopped = Assert.Single(events, e => e.Code == "charger.session.stopped");
        Assert.True(stopped.Message.Contains("has not taken its pause", StringComparison.Ordinal), stopped.Message);
    }

    [Fact]
    public async Task A_charger_with_a_single_refusal_on_record_is_not_stopped_before_its_pause_is_answered()
    {
        // One answer not taken among many is a hiccup (as the fallback's mark, Session 20): the pause's own answer is waited for.
        await using var site = await SessionStopTests.StepSiteAsync(
            oneCall: false, rejectsStop: false, options: RuleOn, beforeStep: (loop, car) => GiveARecordAsync(loop, car, refusals: 1), atStep: [ScriptedAnswer.Never]);

        await site.Loop.RunAsync(Grace);

        Assert.All(site.Loop.Site.OcppChargers, c => Assert.Empty(c.SessionsEnded));
    }

    /// <summary>
    /// Gives the car's charger a record: a manual limit of 6 A is refused <paramref name="refusals"/> times (the loop sends it again
    /// each cycle) and then taken, so its latest answer is an acceptance — the stop after refusals in a row (Session 20) has nothing
    /// to go on at the step.
    /// </summary>
    private static async Task GiveARecordAsync(ClosedLoopSite loop, SimConnector car, int refusals)
    {
        var charger = loop.Site.OcppChargers.Single(c => c.Id == car.ChargerId);
        charger.ScriptedAnswers = [.. Enumerable.Repeat(ScriptedAnswer.Rejected, refusals), .. Enumerable.Repeat(ScriptedAnswer.Accepted, 16)];
        loop.Rig.ManualLimits.Set(new ManualLimit(car.ChargerId, car.ConnectorId, 6, loop.Time.GetUtcNow(), "test", null));

        // Each answer within 3 s, the resend in the next cycle: the refusals and the acceptance within 4 × 3.5 s.
        await loop.RunAsync(TimeSpan.FromSeconds(14));
        Assert.True(car.Car!.DrawA <= 6.05, $"the record's manual 6 A is not in force: the car draws {car.Car.DrawA:0.0} A");
    }
}
