using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut its driver holds behind another call to the same charger (OCPP: one call at a time per charge point) is
/// handed to the balancer as queued, not on its way, until it is sent (docs/control-loop-sessions.md, Session 14, "A cut
/// queued behind an unanswered call"); the balancer then counts the car at its old limit (TransitionPlannerTests).
/// </summary>
public sealed class QueuedCutTests
{
    internal const string ChargerId = "CP003";

    [Fact]
    public async Task A_cut_waiting_behind_an_unanswered_call_is_counted_queued_until_the_write_timeout_ends_that_call_and_it_is_sent()
    {
        var (harness, charger) = await StartAsync();
        await using var site = harness;

        // A cut to 10 A its charger leaves unanswered; the cut to 6 A a cycle later waits behind it.
        charger.HoldNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1.5));
        Assert.True(charger.IsLimitQueued(1), "the cut to 6 A does not wait behind the unanswered call");
        Assert.True(Input(harness).LimitQueued, "the balancer counts the queued cut as on its way");

        // The loop's write timeout (5 s, on the harness's clock) ends the unanswered call: the cut goes out and is no
        // longer counted queued.
        await harness.RunAsync(TimeSpan.FromSeconds(3.5));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); charger.IsLimitQueued(1) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10); // polls, with a deadline, for the cancelled call's continuation on the thread pool
        }

        Assert.True(charger.HeldCancelled, "the loop's write timeout did not cancel the unanswered call");
        Assert.False(charger.IsLimitQueued(1), "the cut still waits after the call before it timed out");
        await harness.RunAsync(TimeSpan.FromSeconds(1.5));
        Assert.False(Input(harness).LimitQueued);
        Assert.Equal(6, TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA);
    }

    [Fact]
    public async Task With_a_cut_queued_behind_an_unanswered_call_the_next_cycle_cuts_the_other_car_counting_it_at_its_old_limit()
    {
        var (harness, charger) = await StartAsync();
        await using var site = harness;
        Assert.Equal(16, TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA);
        Assert.Equal(16, TwoCarSite.Connector(harness.Loop.Latest!, OtherId).LimitA);

        // A cut to 15 A its charger leaves unanswered: its car goes on at 16 A.
        charger.HoldNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 15, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));

        // The building's load steps up 16 A a phase (to 54–55 A on L1): the loop cuts both cars, CP003's cut waits behind
        // the unanswered call.
        harness.Site.BaseLoad.StepA = new(StepA, StepA, StepA);
        for (var deadline = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(4); !Input(harness).LimitQueued && harness.Time.GetUtcNow() < deadline;)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.True(Input(harness).LimitQueued, "no cut of CP003 waits behind its unanswered call");
        Assert.True(charger.IsLimitQueued(1));

        // The next cycle plans with CP003 at its old limit, 16 A: the other car is cut so each phase stays within its limit
        // less its safety margin.
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.True(Input(harness).LimitQueued);
        // Counted at its cut instead, CP004 kept 12.8 A for four cycles, the grid 84–86 A on L1 (the planner blind to the flag).
        AssertTheOtherCarLeavesRoomForCp003At16A(harness, "");
    }

    [Fact]
    public async Task A_cut_that_queues_behind_an_unanswered_raise_has_the_other_car_cut_for_it_in_the_same_cycle()
    {
        var (harness, charger) = await StartAsync();
        await using var site = harness;

        // CP003 held at 15 A, then let back up: the raise to 16 A is left unanswered (its car stays at 15 A), so its charger is
        // busy with that call when the building's load steps up.
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 15, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(5));
        charger.HoldNext();
        harness.ManualLimits.Clear(ChargerId, null);
        for (var deadline = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(20);
            TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA < 16 && harness.Time.GetUtcNow() < deadline;)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(16, TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA);
        Assert.False(TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).Confirmed, "the raise was answered");

        // The step: the cut the loop sends CP003 waits behind the unanswered raise. In the cycle that sent it the other car is
        // cut so that CP003 at its raise fits — not a cycle later, which the grace (dead time + 1 s) does not leave. (Planned a
        // cycle later, the cut's cycle left "the building's 53.7 A, CP003 at 16 A and CP004 at 14.4 A pass 76 A".)
        harness.Site.BaseLoad.StepA = new(StepA, StepA, StepA);
        for (var deadline = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(4); !charger.IsLimitQueued(1) && harness.Time.GetUtcNow() < deadline;)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.True(charger.IsLimitQueued(1), "no cut of CP003 waits behind its unanswered raise");
        AssertTheOtherCarLeavesRoomForCp003At16A(harness, "the cut's cycle: ");
        Assert.True(Input(harness).LimitQueued, "the cycle that sent the cut did not plan with it queued");
    }

    internal const string OtherId = "CP004";

    internal const double StepA = 16;

    // The two cars charging at 16 A a minute past noon, CP003 behind a driver that sends one call at a time.
    private static async Task<(SimulatedSiteHarness Harness, OneCallAtATime Charger)> StartAsync()
    {
        TwoCarSite.OneChargerWrapped<OneCallAtATime>? gated = null;
        var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => gated = new(simulated, ChargerId, charger => new OneCallAtATime(charger)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        return (harness, gated!.Charger!);
    }

    // Each phase within its limit less the safety margin with CP003 at the 16 A it may still draw and CP004 at its latest limit.
    internal static void AssertTheOtherCarLeavesRoomForCp003At16A(SimulatedSiteHarness harness, string when)
    {
        var status = harness.Loop.Latest!;
        var limitA = status.Grid.LimitA - TwoCarSite.Configuration().Grid.SafetyMarginA;
        var otherA = TwoCarSite.Connector(status, OtherId).LimitA ?? 0;
        var building = harness.Site.BaseLoadA;
        foreach (var baseA in new[] { building.L1, building.L2, building.L3 })
        {
            Assert.True(baseA + 16 + otherA <= limitA, $"{when}the building's {baseA:F1} A, CP003 at 16 A and CP004 at {otherA} A pass {limitA} A");
        }
    }

    internal static ConnectorInput Input(SimulatedSiteHarness harness) =>
        harness.Loop.LastSnapshot!.Connectors.Single(c => c.ChargerId == ChargerId);

    /// <summary>A charger whose driver sends one call at a time, as the OCPP driver does; once told to, it leaves the next call unanswered until the caller gives up on it.</summary>
    internal sealed class OneCallAtATime(ICharger inner) : ICharger, IHasQueuedLimits, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private int _queued;
        private bool _hold;

        public string Id => inner.Id;

        public void HoldNext() => _hold = true;

        public bool HeldCancelled { get; private set; }

        public bool IsLimitQueued(int connectorId) => Volatile.Read(ref _queued) > 0;

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            if (!_gate.Wait(0, CancellationToken.None))
            {
                Interlocked.Increment(ref _queued);
                try
                {
                    await _gate.WaitAsync(cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _queued);
                }
            }

            try
            {
                if (_hold)
                {
                    _hold = false;
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        HeldCancelled = true;
                        throw;
                    }
                }

                return await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();
    }
}
