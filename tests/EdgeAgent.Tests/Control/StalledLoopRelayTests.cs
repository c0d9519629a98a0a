using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.LoadBalancer;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class StalledLoopRelayTests
{
    private const int RelayPin = 22;

    [Fact]
    public async Task A_cycle_that_hangs_closes_the_fault_relay_after_the_stall_time_and_completing_cycles_open_it_again()
    {
        // A hung cycle fails nothing and raises no status: the relay, which heard statuses only, stayed open ("all fine") while
        // nothing controlled the site.
        var hook = new HangingPowerTarget();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
        {
            Gpio = new GpioSettings { FaultRelay = new GpioPinSettings { Pin = RelayPin } },
        };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, new SimulatedSiteOptions(), new FairShareStrategy(), sitePowerTarget: (_, _, _, _) => hook);
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.False(harness.GpioPins.GetOutput(RelayPin));

        hook.Hang = true;
        var hung = harness.Loop.RunCycleAsync(CancellationToken.None);
        Assert.False(hung.IsCompleted, "the cycle should hang in the hook");

        // Not yet a stall: a slow cycle is no fault.
        Advance(harness, harness.Loop.StallAfter - TimeSpan.FromSeconds(2));
        Assert.Null(harness.Loop.Stalled);
        Assert.False(harness.GpioPins.GetOutput(RelayPin), "the relay closed before the loop counted as stalled");

        Advance(harness, TimeSpan.FromSeconds(2) + GpioIndicatorService.StallCheck + SimulatedSiteHarness.PhysicsStep);
        Assert.NotNull(harness.Loop.Stalled);
        Assert.True(harness.GpioPins.GetOutput(RelayPin), "the fault relay stays open while the control cycle hangs");

        hook.Release();
        await hung;
        await harness.RunAsync(TimeSpan.FromSeconds(3));
        Assert.Null(harness.Loop.Stalled);
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.False(harness.Loop.Latest!.Grid.Fallback);
        Assert.False(harness.GpioPins.GetOutput(RelayPin), "the fault relay stays closed after cycles complete again");
    }

    // Time and physics go on while no cycle runs (one hangs).
    private static void Advance(SimulatedSiteHarness harness, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += SimulatedSiteHarness.PhysicsStep)
        {
            harness.Time.Advance(SimulatedSiteHarness.PhysicsStep);
            harness.Site.Step();
        }
    }

    /// <summary>The loop's one awaited hook, made to hang: what a cycle awaiting a card or device that stopped answering does.</summary>
    private sealed class HangingPowerTarget : ISitePowerTarget
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Hang { get; set; }

        public PeakView? View => null;

        public void Release()
        {
            Hang = false;
            _released.SetResult();
        }

        public async ValueTask<SiteSnapshot> ApplyAsync(SiteSnapshot snapshot, MeterReading? gridReading, bool gridStale, CancellationToken cancellationToken)
        {
            if (Hang)
            {
                await _released.Task.WaitAsync(cancellationToken);
            }

            return snapshot;
        }
    }
}
