using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut to a connector whose last send its charger has not answered, on a driver that sends one call at a time (OCPP):
/// with <see cref="ControlLoopOptions.CancelSupersededSend"/> the unanswered send is given up and the cut goes out at
/// once; without it the cut waits behind that call (docs/control-loop-sessions.md, Session 15, "Seeds 7, 13 and 1": seed 7's
/// 8.5 A with --one-call at 2 s dead time).
/// </summary>
public sealed class SupersededSendTests
{
    private const string ChargerId = "CP003";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cut_behind_its_own_unanswered_send_reaches_the_charger_at_once_only_when_it_gives_that_send_up(bool giveUp)
    {
        TwoCarSite.OneChargerWrapped<QueuedCutTests.OneCallAtATime>? gated = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => gated = new(simulated, ChargerId, charger => new QueuedCutTests.OneCallAtATime(charger)),
            loopOptions: new ControlLoopOptions { CancelSupersededSend = giveUp });
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var offeredBefore = await OfferedA(gated!.Charger!);
        Assert.True(offeredBefore > 10, $"the car is offered {offeredBefore} A before the cuts");

        // A cut to 10 A its charger leaves unanswered; a cycle later the cut to 6 A.
        gated.Charger!.HoldNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1.5));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); giveUp && await OfferedA(gated.Charger) != 6 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10); // polls, with a deadline, for the given-up call's continuation on the thread pool
        }

        if (giveUp)
        {
            Assert.Equal(6, await OfferedA(gated.Charger));
            Assert.False(gated.Charger.IsLimitQueued(1));
            // The given-up send is the loop's doing, not a limit the charger did not take.
            Assert.Equal(0, harness.Loop.LastSnapshot!.Connectors.Single(c => c.ChargerId == ChargerId).LimitsNotTaken);
        }
        else
        {
            Assert.Equal(offeredBefore, await OfferedA(gated.Charger));
            Assert.True(gated.Charger.IsLimitQueued(1), "the cut to 6 A does not wait behind the unanswered call");
        }
    }

    private static async Task<double?> OfferedA(QueuedCutTests.OneCallAtATime charger) =>
        (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().LimitA;
}
