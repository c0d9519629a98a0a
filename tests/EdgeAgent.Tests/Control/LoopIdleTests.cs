using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// What tests that move a fake clock wait for (<c>ControlLoop.IsIdle</c>): it must turn false in the very call that
/// moves the clock to a wait's end — not only once the woken code runs on (on the thread pool, after that call has
/// returned), or the next step moves the clock past a poll or a cycle nobody has run yet (docs/control-loop-sessions.md,
/// Session 18, "A flaky trigger test"). The clock is moved as xUnit moves it in a full run: under a synchronization
/// context of its own, so the woken code is never run inline but queued to the thread pool. Each case is tried a few
/// times: on the old flags it fails whenever the pool has not run the woken code between the clock's move and the
/// check, which is nearly always.
/// </summary>
public sealed class LoopIdleTests
{
    private const int Tries = 20;

    [Fact]
    public async Task The_trigger_is_not_idle_once_its_wait_has_run_out()
    {
        var time = new FakeTimeProvider();
        var trigger = new CycleTrigger();
        for (var i = 0; i < Tries; i++)
        {
            var wait = trigger.WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            Assert.True(trigger.IsIdle);

            AwayFromTheWokenCode.Advance(time, TimeSpan.FromSeconds(1));

            Assert.False(trigger.IsIdle, $"idle at once after the clock moved to the wait's end (try {i + 1})");
            Assert.False(await wait);
        }
    }

    [Fact]
    public async Task The_loop_is_not_idle_once_the_grid_meter_is_due_until_it_has_been_read()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(
            SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()), new SimulatedSiteOptions { Seed = 11 }, new FairShareStrategy());
        using var stop = new CancellationTokenSource();
        await harness.Loop.StartAsync(stop.Token);
        var poll = GridMeterFeed.PollPeriodOf(DemoSiteConfiguration.Create());
        for (var i = 0; i < Tries; i++)
        {
            await PollAsync(() => harness.Loop.IsIdle);

            var due = harness.Time.GetUtcNow() + poll;
            AwayFromTheWokenCode.Advance(harness.Time, poll);

            // Idle again is right only once the woken feed has read the meter and the cycle it woke has run: a test thread
            // preempted after the move (a full run on two cores) may find the pool has already run both.
            Assert.True(
                !harness.Loop.IsIdle || (harness.Loop.GridMeterReadAt >= due && harness.Loop.Latest?.Ts >= due),
                $"idle at once after the clock moved to the meter's poll, the meter read at {harness.Loop.GridMeterReadAt:O}, the last cycle at {harness.Loop.Latest?.Ts:O}, due {due:O} (try {i + 1})");
        }

        await stop.CancelAsync();
        await harness.Loop.StopAsync(CancellationToken.None);
    }

    private static async Task PollAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the loop to sleep");
            await Task.Delay(1);
        }
    }

    /// <summary>Moves a fake clock under a synchronization context of its own, where the runtime runs no woken await inline.</summary>
    internal sealed class AwayFromTheWokenCode : SynchronizationContext
    {
        public static void Advance(FakeTimeProvider time, TimeSpan by)
        {
            var before = Current;
            SetSynchronizationContext(new AwayFromTheWokenCode());
            try
            {
                time.Advance(by);
            }
            finally
            {
                SetSynchronizationContext(before);
            }
        }
    }
}
