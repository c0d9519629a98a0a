using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Property 8, "decreases before increases", at the charger and not only in the plan (<see cref="RaisesAtTheCharger"/>;
/// docs/control-loop-sessions.md, Session 45, "RaisesAtTheCharger"): a limit above the one a charger last confirmed reaches it only while
/// no decrease is on its way anywhere. A raise its one-call driver still holds queued is given up meanwhile, whether the plan
/// keeps it or changes it; a charger that says it is offline is no decrease on its way; a cut at the charger never waits.
/// </summary>
public sealed class RaisesAtTheChargerTests
{
    private const string Raised = "CP003";
    private const string Cut = "CP004";

    [Fact]
    public async Task A_raise_queued_in_its_driver_is_given_up_when_a_decrease_goes_out_elsewhere_and_never_reaches_its_charger_beside_it()
    {
        var site = await TwoCarsAsync();
        await using var _ = site.Harness;

        // CP003 held at 10 A by hand, then let go while its driver is busy with another call: the raise to 16 A waits queued.
        await site.ConfirmAsync(Raised, capA: 10);
        site.Line(Raised).BeginOtherCall();
        site.Harness.ManualLimits.Clear(Raised, null);
        await site.RunUntilAsync(() => site.Line(Raised).IsLimitQueued(1), "the raise of CP003 never queued in its driver");

        // CP004 is cut by hand while its driver is busy too: the cut stays on its way (queued, unanswered) for as long as the test
        // looks. In the cycle that sends it, CP003's queued raise is given up.
        site.Line(Cut).BeginOtherCall();
        site.Harness.ManualLimits.Set(new ManualLimit(Cut, null, 8, site.Harness.Time.GetUtcNow(), "test", null));
        await site.Harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.True(site.Line(Cut).IsLimitQueued(1), "CP004's cut is not on its way");
        await Eventually(() => !site.Line(Raised).IsLimitQueued(1)); // the give-up's cancellation runs on the thread pool

        // CP003's driver is free again while CP004's cut is still on its way: nothing reaches CP003 — sent now, its 16 A went out
        // beside the cut (site seed 71: cp0015 7 → 8 A beside cp0013's cut, both at 340.5 s).
        site.Line(Raised).EndOtherCall();
        await Eventually(() => site.Line(Raised).CallsOpen == 0); // a call let through goes on on the thread pool
        await site.Harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.True(site.Line(Cut).IsLimitQueued(1), "CP004's cut is no longer on its way");
        var beside = site.DeliveredSince(site.Line(Raised).OtherCallBegunAt);
        Assert.True(beside.All(d => d.ChargerId != Raised), $"beside CP004's cut: {string.Join(", ", beside)}");

        // Once CP004's cut is in, the raise goes again and reaches CP003 — after the cut.
        site.Line(Cut).EndOtherCall();
        await Eventually(() => site.Line(Cut).CallsOpen == 0);
        var since = site.Line(Raised).OtherCallBegunAt;
        await site.RunUntilAsync(() => site.DeliveredSince(since).Contains((Raised, 16.0)), "CP003 never got its raise after the cut");
        var delivered = site.DeliveredSince(since);
        Assert.True(delivered.IndexOf((Cut, 8.0)) < delivered.IndexOf((Raised, 16.0)), $"delivered: {string.Join(", ", delivered)}");
    }

    // The branches below are tested on RaisesAtTheCharger itself. In the loop an offline charger's failsafe plan also holds every
    // raise in the planner (TransitionPlanner.AnyDecrease), which hides the first; and a changed plan for a queued raise is the
    // planner's (a reclaim of the raise not yet taken, a cut), which a test cannot time against a decrease elsewhere.

    [Fact]
    public void A_charger_offline_planned_down_to_its_failsafe_is_no_decrease_on_its_way()
    {
        // CP001 at 16 A, planned down to its failsafe: reached, that cut is on its way and holds every raise of the site.
        var connector = DemoConnector.WithLimit(16, DemoConnector.Now.AddMinutes(-1));
        Assert.True(DecreaseOnItsWay(connector, cutA: 6));

        // Its charger says it is offline: the cut cannot reach it, so it holds nothing (it would for as long as it stayed away).
        (connector.Runtime.Disconnected, connector.Runtime.Reachable) = (true, false);
        Assert.False(DecreaseOnItsWay(connector, cutA: 6));
    }

    [Fact]
    public void A_cut_at_the_charger_sent_again_never_waits_for_a_decrease_elsewhere()
    {
        // CP001 confirmed 16 A, then refused a fairer share's cut to 10 A: the cut goes again, unchanged, beside a decrease elsewhere.
        var connector = DemoConnector.WithLimit(16, DemoConnector.Now.AddMinutes(-1));
        var t = DemoConnector.Now.AddSeconds(-3);
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(10, t, needed: false)!.Sent, SetpointOutcome.Rejected, t.AddSeconds(0.5));

        // At or below the limit its charger confirmed, it is a cut there: held, the charger would keep its 16 A meanwhile.
        Assert.False(RaisesAtTheCharger.Waits(connector.Runtime, 10, changed: false));
        Assert.False(RaisesAtTheCharger.Waits(connector.Runtime, 16, changed: false));
        // Above it, the same limit sent again is a raise there, and waits.
        Assert.True(RaisesAtTheCharger.Waits(connector.Runtime, 16.5, changed: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // sent already, unanswered: its answer may still come, and it stays counted either way
    public void A_changed_plan_goes_out_beside_a_decrease_but_a_raise_still_queued_before_it_is_given_up(bool queued)
    {
        // CP001 confirmed 10 A; its raise to 16 A is on its way — queued in its one-call driver, or sent.
        var connector = DemoConnector.WithLimit(10, DemoConnector.Now.AddMinutes(-1));
        var raise = connector.Runtime.TryBeginSend(16, DemoConnector.Now.AddSeconds(-1))!.Sent;
        using var send = new CancellationTokenSource();
        connector.Runtime.Track(raise, send);

        // The plan changes it to 13 A with a decrease on its way elsewhere: the planner's limit is not held (it counted the 16 A
        // as may be in force) — but a queued 16 A, which would reach the charger after it, is given up.
        RaisesAtTheCharger.GiveUpQueuedRaise(connector.Runtime, 13, new QueuingCharger { Queued = queued });
        Assert.False(RaisesAtTheCharger.Waits(connector.Runtime, 13, changed: true));
        Assert.Equal(queued, send.IsCancellationRequested);
        Assert.Equal(queued, connector.Runtime.GivenUpWhy(raise) is not null);
    }

    private static bool DecreaseOnItsWay(DemoConnector connector, double cutA)
    {
        // Every other connector at what it was sent (nothing: none of them has a car), this one at cutA.
        var snapshot = connector.Snapshot();
        var allocations = connector.Model.Connectors
            .Select(c => new ConnectorAllocation(c == connector.Runtime ? cutA : c.SentLimitA ?? 0, AllocationReason.StaleData, 0b111, -1, -1))
            .ToArray();
        return RaisesAtTheCharger.DecreaseOnItsWay(connector.Model, snapshot, allocations);
    }

    /// <summary>Two cars at 16 A, each charger behind a one-call driver whose line the test can hold.</summary>
    private static async Task<TwoLines> TwoCarsAsync()
    {
        var delivered = new ConcurrentQueue<(string ChargerId, double LimitA)>();
        TwoCarSite.ChargersWrapped<OneLineCharger>? wrapped = null;
        var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, [Raised, Cut], charger => new OneLineCharger(charger, delivered)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        return new TwoLines(harness, wrapped!, delivered);
    }

    // Polls, with a deadline, for what a send's continuation on the thread pool does.
    private static async Task Eventually(Func<bool> done)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(5); !done() && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10);
        }
    }

    private sealed record TwoLines(SimulatedSiteHarness Harness, TwoCarSite.ChargersWrapped<OneLineCharger> Wrapped, ConcurrentQueue<(string ChargerId, double LimitA)> Delivered)
    {
        public OneLineCharger Line(string chargerId) => Wrapped.Chargers[chargerId];

        /// <summary>The limits that reached a charger, in order, from the <paramref name="index"/>-th on.</summary>
        public List<(string ChargerId, double LimitA)> DeliveredSince(int index) => [.. Delivered.Skip(index)];

        public ConnectorView Connector(string chargerId) => TwoCarSite.Connector(Harness.Loop.Latest!, chargerId);

        /// <summary>Runs cycles, on the fake clock, until <paramref name="done"/>, for at most 20 s of it.</summary>
        public async Task RunUntilAsync(Func<bool> done, string failure)
        {
            for (var deadline = Harness.Time.GetUtcNow().AddSeconds(20); !done() && Harness.Time.GetUtcNow() < deadline;)
            {
                await Harness.RunAsync(TimeSpan.FromSeconds(1));
            }

            Assert.True(done(), failure);
        }

        /// <summary>Caps <paramref name="chargerId"/> by hand at <paramref name="capA"/> until its charger confirmed it.</summary>
        public Task ConfirmAsync(string chargerId, double capA)
        {
            Harness.ManualLimits.Set(new ManualLimit(chargerId, null, capA, Harness.Time.GetUtcNow(), "test", null));
            return RunUntilAsync(() => Connector(chargerId) is { Confirmed: true } c && c.LimitA == capA, $"{chargerId} never confirmed {capA} A");
        }
    }

    /// <summary>A one-call driver that says whether a limit waits queued in it; nothing is sent through it.</summary>
    private sealed class QueuingCharger : ICharger, IHasQueuedLimits
    {
        public bool Queued { get; init; }

        public string Id => DemoConnector.ChargerId;

        public bool IsLimitQueued(int connectorId) => Queued;

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>
    /// A charger behind a driver that sends one call at a time, in order (OCPP): while the test holds its line with another call,
    /// each limit waits queued in the driver (<see cref="IHasQueuedLimits"/>) until that call ends or the loop gives the limit up.
    /// Every limit that reaches a charger is logged, site-wide, in order.
    /// </summary>
    private sealed class OneLineCharger(ICharger inner, ConcurrentQueue<(string ChargerId, double LimitA)> delivered)
        : ICharger, IHasQueuedLimits, IDisposable
    {
        private readonly SemaphoreSlim _line = new(1, 1);
        private int _queued;
        private int _callsOpen;

        public string Id => inner.Id;

        /// <summary>How many limits had reached a charger when the last other call began.</summary>
        public int OtherCallBegunAt { get; private set; }

        public void BeginOtherCall()
        {
            OtherCallBegunAt = delivered.Count;
            Assert.True(_line.Wait(0), "its line is busy already");
        }

        public void EndOtherCall() => _line.Release();

        public bool IsLimitQueued(int connectorId) => Volatile.Read(ref _queued) > 0;

        /// <summary>How many limit calls to it have not ended yet, queued or sent.</summary>
        public int CallsOpen => Volatile.Read(ref _callsOpen);

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _callsOpen);
            try
            {
                if (!_line.Wait(0, CancellationToken.None))
                {
                    Interlocked.Increment(ref _queued);
                    try
                    {
                        await _line.WaitAsync(cancellationToken);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _queued);
                    }
                }

                try
                {
                    delivered.Enqueue((Id, limitA));
                    return await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
                }
                finally
                {
                    _line.Release();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _callsOpen);
            }
        }

        public void Dispose() => _line.Dispose();
    }
}
