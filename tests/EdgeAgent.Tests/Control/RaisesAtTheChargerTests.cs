using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Property 8, "decreases before increases", at the charger and not only in the plan (<see cref="RaisesAtTheCharger"/>;
/// docs/control-loop.md, Session 45, "RaisesAtTheCharger"): a limit above the one a charger last confirmed reaches it only while
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

    /// <summary>Two cars at 16 A, each charger behind a one-call driver whose line the test can hold, and offline on demand.</summary>
    private static async Task<TwoLines> TwoCarsAsync(ControlLoopOptions? options = null)
    {
        var delivered = new ConcurrentQueue<(string ChargerId, double LimitA)>();
        TwoCarSite.ChargersWrapped<OneLineCharger>? wrapped = null;
        var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, [Raised, Cut], charger => new OneLineCharger(new DroppedCharger(charger), delivered)),
            loopOptions: options);
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

    /// <summary>
    /// A charger behind a driver that sends one call at a time, in order (OCPP): while the test holds its line with another call,
    /// each limit waits queued in the driver (<see cref="IHasQueuedLimits"/>) until that call ends or the loop gives the limit up.
    /// Every limit that reaches a charger is logged, site-wide, in order.
    /// </summary>
    internal sealed class OneLineCharger(DroppedCharger inner, ConcurrentQueue<(string ChargerId, double LimitA)> delivered)
        : ICharger, IHasQueuedLimits, IDisposable
    {
        private readonly SemaphoreSlim _line = new(1, 1);
        private int _queued;
        private int _callsOpen;

        public string Id => inner.Id;

        /// <summary>Its connection is gone (<see cref="DroppedCharger"/>).</summary>
        public bool Dropped
        {
            set => inner.Dropped = value;
        }

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
