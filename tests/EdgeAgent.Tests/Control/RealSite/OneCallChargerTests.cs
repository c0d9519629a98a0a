using ChargeNet.Drivers.Devices;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The simulated OCPP charger takes one call at a time, as the edge's OCPP driver sends them (docs/control-loop-sessions.md,
/// Session 14, "The simulated chargers take one call at a time"): a limit asked for while another is unanswered waits,
/// reported queued, and arrives once that call is answered or given up.
/// </summary>
public sealed class OneCallChargerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_limit_asked_for_while_another_is_unanswered_waits_reported_queued_and_arrives_once_that_one_is_answered()
    {
        var (site, charger, connector) = OneCharger([ScriptedAnswer.Accepted, ScriptedAnswer.Accepted]);
        var first = charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        var second = charger.SetCurrentLimitAsync(1, 8, CancellationToken.None);

        Assert.True(charger.IsLimitQueued(1), "the second limit is not reported waiting");
        Assert.Equal(16, connector.OfferedA); // the second has not arrived: the first is in force
        Assert.Single(site.Physics.Journal.Records, r => r.Outcome == CommandOutcome.Requested);
        Assert.False(second.IsCompleted);

        site.Answers.RunDue(T0 + TimeSpan.FromSeconds(10));

        Assert.Equal(SetpointOutcome.Accepted, (await first).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await second).Outcome);
        Assert.False(charger.IsLimitQueued(1));
        Assert.Equal(8, connector.OfferedA);
        Assert.Equal([16, 8], site.Physics.Journal.Records.Where(r => r.Outcome == CommandOutcome.Requested).Select(r => r.LimitA));
    }

    [Fact]
    public async Task A_waiting_limit_arrives_when_the_unanswered_call_is_given_up_and_one_given_up_while_waiting_never_arrives()
    {
        var (site, charger, connector) = OneCharger([ScriptedAnswer.Never, ScriptedAnswer.Accepted, ScriptedAnswer.Accepted]);
        using var firstTimeout = new CancellationTokenSource();
        using var secondTimeout = new CancellationTokenSource();
        var first = charger.SetCurrentLimitAsync(1, 16, firstTimeout.Token);
        var second = charger.SetCurrentLimitAsync(1, 10, secondTimeout.Token);
        var third = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);

        await secondTimeout.CancelAsync(); // given up while it waits: never sent
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.True(charger.IsLimitQueued(1), "the third limit is not reported waiting behind the unanswered first");
        Assert.Equal(0, connector.OfferedA);

        await firstTimeout.CancelAsync(); // the loop's write timeout ends the unanswered call
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(charger.IsLimitQueued(1));
        Assert.Equal(6, connector.OfferedA);
        site.Answers.RunDue(T0 + TimeSpan.FromSeconds(10));
        Assert.Equal(SetpointOutcome.Accepted, (await third).Outcome);
        Assert.Equal([16, 6], site.Physics.Journal.Records.Where(r => r.Outcome == CommandOutcome.Requested).Select(r => r.LimitA));
    }

    [Fact]
    public async Task A_call_given_up_before_its_answer_lets_the_next_go_at_once_and_its_late_answer_is_never_given()
    {
        // As the driver (OCPP-J 1.6 section 4.1.1): the loop gives up a decrease unanswered for DecreaseAnswerWait
        // (docs/control-loop-sessions.md, Session 15); the next call goes at once, and the given-up call counts as timed out.
        var (site, charger, connector) = OneCharger([ScriptedAnswer.Accepted, ScriptedAnswer.Accepted]);
        using var giveUp = new CancellationTokenSource();
        var first = charger.SetCurrentLimitAsync(1, 16, giveUp.Token);
        var resend = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        Assert.Equal(16, connector.OfferedA);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(6, connector.OfferedA);
        site.Answers.RunDue(T0 + TimeSpan.FromSeconds(10)); // past the 16 A's answer (0.1–3 s): not given

        Assert.Equal(SetpointOutcome.Accepted, (await resend).Outcome);
        Assert.Equal(
            [(16.0, CommandOutcome.TimedOut), (6.0, CommandOutcome.Accepted)],
            site.Physics.Journal.Records.Where(r => r.Outcome != CommandOutcome.Requested).Select(r => (r.LimitA, r.Outcome)));
    }

    private static (BuiltSite Site, OcppLikeCharger Charger, SimConnector Connector) OneCharger(IReadOnlyList<ScriptedAnswer> answers)
    {
        var site = SiteBuilder.Build(new SiteRecipe { Connectors = 10, Occupancy = 0, OneCallAtATime = true }, T0);
        site.Physics.Step(T0, ClosedLoopSite.PhysicsStep);
        var charger = site.OcppChargers[0];
        charger.ScriptedAnswers = answers;
        return (site, charger, site.Physics.Connectors.Single(c => c.ChargerId == charger.Id));
    }
}
