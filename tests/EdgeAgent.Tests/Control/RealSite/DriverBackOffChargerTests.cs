using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The simulated OCPP charger behind the driver's back-off (site bench <c>--backoff</c>, <c>--backoff-cut-retry S</c>;
/// docs/control-loop-sessions.md, Session 16, "Refused cuts"): a limit the driver would hold is answered with the last outcome and
/// never reaches the charger, as <see cref="OcppLimitKeeper"/> does.
/// </summary>
public sealed class DriverBackOffChargerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_cut_reaches_the_charger_again_a_second_after_its_send_and_with_the_old_driver_only_after_the_back_off(bool cutRetry)
    {
        var site = SiteBuilder.Build(new SiteRecipe { Connectors = 10, Occupancy = 0, DriverBackOff = true, BackOffCutRetry = cutRetry ? TimeSpan.FromSeconds(1) : null }, T0);
        var charger = site.OcppChargers[0];
        charger.ScriptedAnswers = [ScriptedAnswer.Accepted, ScriptedAnswer.Rejected, ScriptedAnswer.Accepted];
        async Task<SetpointOutcome> AskAsync(double limitA, double atS)
        {
            site.Physics.Step(T0 + TimeSpan.FromSeconds(atS), ClosedLoopSite.PhysicsStep);
            var answer = charger.SetCurrentLimitAsync(1, limitA, CancellationToken.None);
            site.Answers.RunDue(T0 + TimeSpan.FromSeconds(atS + 3)); // answers come within 3 s
            return (await answer).Outcome;
        }

        Assert.Equal(SetpointOutcome.Accepted, await AskAsync(16, 0));
        Assert.Equal(SetpointOutcome.Rejected, await AskAsync(0, 3));
        Assert.Equal(SetpointOutcome.Rejected, await AskAsync(0, 3.9)); // held by either driver: within a second of its send
        var last = await AskAsync(0, 4);

        var sent = site.Physics.Journal.Records.Where(r => r.Outcome == CommandOutcome.Requested).Select(r => r.LimitA);
        Assert.Equal(cutRetry ? [16, 0, 0] : [16, 0], sent);
        Assert.Equal(cutRetry ? SetpointOutcome.Accepted : SetpointOutcome.Rejected, last);
    }

    [Fact]
    public async Task A_limit_asked_past_the_back_off_reaches_the_charger_at_once_a_raise_as_well_as_a_cut()
    {
        // As the keeper's SetPastBackOffAsync (a probe's stage, docs/control-loop-sessions.md, Session 37): neither the driver's check when
        // asked nor its second one when the call goes out holds it.
        var site = SiteBuilder.Build(new SiteRecipe { Connectors = 10, Occupancy = 0, DriverBackOff = true }, T0);
        var charger = site.OcppChargers[0];
        charger.ScriptedAnswers = [ScriptedAnswer.Accepted, ScriptedAnswer.Rejected, ScriptedAnswer.Accepted];
        async Task<SetpointResult> AskAsync(double limitA, double atS, bool pastBackOff)
        {
            site.Physics.Step(T0 + TimeSpan.FromSeconds(atS), ClosedLoopSite.PhysicsStep);
            var answer = pastBackOff
                ? charger.SetLimitPastBackOffAsync(1, limitA, CancellationToken.None)
                : charger.SetCurrentLimitAsync(1, limitA, CancellationToken.None);
            site.Answers.RunDue(T0 + TimeSpan.FromSeconds(atS + 3)); // answers come within 3 s
            return await answer;
        }

        Assert.Equal(SetpointOutcome.Accepted, (await AskAsync(10, 0, pastBackOff: false)).Outcome);
        Assert.Equal(SetpointOutcome.Rejected, (await AskAsync(16, 3, pastBackOff: false)).Outcome);
        Assert.True((await AskAsync(16, 6.5, pastBackOff: false)).NotSent, "within the back-off");
        var again = await AskAsync(16, 7, pastBackOff: true);

        Assert.Equal((SetpointOutcome.Accepted, false), (again.Outcome, again.NotSent));
        var sent = site.Physics.Journal.Records.Where(r => r.Outcome == CommandOutcome.Requested).Select(r => r.LimitA);
        Assert.Equal([10, 16, 16], sent);
    }
}
