using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Hosting;
using ChargeNet.Drivers.Simulation;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Hosting.Systemd;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class SystemdWatchdogTests
{
    [Fact]
    public async Task Each_completed_cycle_pings_the_watchdog_and_a_stalled_loop_sends_nothing()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(
            SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()), new SimulatedSiteOptions(), new FairShareStrategy());
        var notifier = new RecordingNotifier(enabled: true);
        var watchdog = new SystemdWatchdog(harness.Loop, notifier);
        await watchdog.StartAsync(CancellationToken.None);

        await harness.RunAsync(TimeSpan.FromSeconds(5)); // five control cycles
        Assert.Equal(5, notifier.Sent.Count);
        Assert.All(notifier.Sent, s => Assert.Equal("WATCHDOG=1", s));

        // The loop stalls: time and physics go on, no cycle completes, so no ping goes out.
        for (var i = 0; i < 40; i++)
        {
            harness.Time.Advance(SimulatedSiteHarness.PhysicsStep);
            harness.Site.Step();
        }

        Assert.Equal(5, notifier.Sent.Count);

        await watchdog.StopAsync(CancellationToken.None);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(5, notifier.Sent.Count);
    }

    [Fact]
    public async Task Outside_systemd_nothing_is_sent()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(
            SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()), new SimulatedSiteOptions(), new FairShareStrategy());
        var notifier = new RecordingNotifier(enabled: false);
        await new SystemdWatchdog(harness.Loop, notifier).StartAsync(CancellationToken.None);

        await harness.RunAsync(TimeSpan.FromSeconds(3));

        Assert.Empty(notifier.Sent);
    }

    private sealed class RecordingNotifier(bool enabled) : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];

        public bool IsEnabled => enabled;

        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }
}
