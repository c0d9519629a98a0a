using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The simulated OCPP charger behind the driver's back-off (site bench <c>--backoff</c>, <c>--backoff-cut-retry S</c>;
/// docs/control-loop.md, Session 16, "Refused cuts"): a limit the driver would hold is answered with the last outcome and
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
}
