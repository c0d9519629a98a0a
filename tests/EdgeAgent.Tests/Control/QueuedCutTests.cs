using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut its driver holds behind another call to the same charger (OCPP: one call at a time per charge point) is
/// handed to the balancer as queued, not on its way, until it is sent (docs/control-loop.md, Session 14, "A cut
/// queued behind an unanswered call"); the balancer then counts the car at its old limit (TransitionPlannerTests).
/// </summary>
public sealed class QueuedCutTests
{
    private const string ChargerId = "CP003";

    [Fact]
    public async Task A_cut_waiting_behind_an_unanswered_call_is_counted_queued_until_the_call_ends_and_it_is_sent()
    {
        TwoCarSite.OneChargerWrapped<OneCallAtATime>? gated = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => gated = new(simulated, ChargerId, charger => new OneCallAtATime(charger)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));

        // A cut to 10 A its charger leaves unanswered; the cut to 6 A a cycle later waits behind it.
        gated!.Charger!.HoldNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(1.5));
        Assert.True(gated.Charger.IsLimitQueued(1), "the cut to 6 A does not wait behind the unanswered call");
        Assert.True(Input(harness).LimitQueued, "the balancer counts the queued cut as on its way");

        // The unanswered call ends (answered at last): the cut goes out and is no longer counted queued.
        gated.Charger.AnswerHeld();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); gated.Charger.IsLimitQueued(1) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10); // polls, with a deadline, for the held call's continuation on the thread pool
        }

        Assert.False(gated.Charger.IsLimitQueued(1), "the cut still waits after the call before it was answered");
        await harness.RunAsync(TimeSpan.FromSeconds(1.5));
        Assert.False(Input(harness).LimitQueued);
        Assert.Equal(6, TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA);
    }

    private static ConnectorInput Input(SimulatedSiteHarness harness) =>
        harness.Loop.LastSnapshot!.Connectors.Single(c => c.ChargerId == ChargerId);

    /// <summary>A charger whose driver sends one call at a time, as the OCPP driver does; once told to, it leaves the next call unanswered until told to answer it.</summary>
    internal sealed class OneCallAtATime(ICharger inner) : ICharger, IHasQueuedLimits, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private int _queued;
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _hold;

        public string Id => inner.Id;

        public void HoldNext() => _hold = true;

        public void AnswerHeld() => _answered.TrySetResult();

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
                    await _answered.Task.WaitAsync(cancellationToken);
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
