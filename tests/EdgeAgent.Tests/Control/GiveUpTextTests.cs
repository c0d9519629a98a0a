using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Tests.Web;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A send that ended without an answer says why in the loop's log: given up behind a decrease left unanswered for
/// <see cref="ControlLoopOptions.DecreaseAnswerWait"/> (the charger's failure: a warning), given up for a cut its one-call
/// driver queued behind it (<see cref="ControlLoopOptions.CancelSupersededSend"/>; not the charger's failure: a debug line),
/// or ended by the write timeout (docs/control-loop-sessions.md, Session 17, "Review leftovers"). The superseded give-up said "no
/// answer within {DecreaseAnswerWait} s" and was never logged; the write timeout said only "A task was canceled.".
/// </summary>
public sealed class GiveUpTextTests
{
    private const string ChargerId = "CP003";

    [Theory]
    [InlineData("superseded", "did not get the limit 10 A: superseded by the cut to 6 A, which its charger queued behind it: given up")]
    [InlineData("waited", "did not take the limit 10 A: Failed no answer within 3.5 s: given up")]
    [InlineData("timeout", "did not take the limit 10 A: Failed no answer within 5 s")]
    public async Task A_send_ended_unanswered_is_logged_with_its_own_reason(string end, string expected)
    {
        var log = new CapturingLogger<ControlLoop>();
        var options = end switch
        {
            "superseded" => new ControlLoopOptions { CancelSupersededSend = true },
            "waited" => new ControlLoopOptions { DecreaseAnswerWait = TimeSpan.FromSeconds(3.5) },
            _ => new ControlLoopOptions(),
        };
        TwoCarSite.OneChargerWrapped<QueuedCutTests.OneCallAtATime>? gated = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => gated = new(simulated, ChargerId, charger => new QueuedCutTests.OneCallAtATime(charger)),
            loopOptions: options, loopLogger: log);
        await harness.RunAsync(TimeSpan.FromSeconds(60));

        // A cut to 10 A its charger leaves unanswered; for the superseded give-up, a cycle later the cut to 6 A.
        gated!.Charger!.HoldNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        if (end == "superseded")
        {
            harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 6, harness.Time.GetUtcNow(), "test", null));
        }

        await harness.RunAsync(TimeSpan.FromSeconds(6));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !log.Messages.Any(m => m.Contains(expected, StringComparison.Ordinal)) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10); // polls, with a deadline, for the ended send's continuation on the thread pool
        }

        var aboutIt = log.Messages.Where(m => m.Contains("the limit 10 A", StringComparison.Ordinal)).ToList();
        Assert.True(aboutIt.Any(m => m.Contains(expected, StringComparison.Ordinal)), string.Join("\n", aboutIt));
        Assert.Single(aboutIt);
    }
}
