using Microsoft.AspNetCore.Http.HttpResults;
using ChargeNet.EdgeAgent.Web;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Hosting;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.SiteSimulator;
using ChargeNet.Drivers.Simulation;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

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

        // The loop stalls: time and physics go on, no cycle completes, so no ping goes out — and readiness says so (a cycle that
        // hangs fails nothing and counted nothing: /readyz stayed 200 and the image's health check saw nothing).
        Assert.IsType<Ok<string>>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);
        for (var i = 0; i < 50; i++)
        {
            harness.Time.Advance(SimulatedSiteHarness.PhysicsStep);
            harness.Site.Step();
        }

        Assert.Equal(5, notifier.Sent.Count);
        var stalled = Assert.IsType<ProblemHttpResult>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);
        Assert.Equal(503, stalled.StatusCode);
        Assert.Contains("not ended a cycle", stalled.ProblemDetails.Detail, StringComparison.Ordinal);

        await watchdog.StopAsync(CancellationToken.None);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(5, notifier.Sent.Count);
        Assert.IsType<Ok<string>>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task A_listener_of_the_cycle_that_throws_neither_fails_the_cycle_nor_silences_the_watchdog()
    {
        // A GPIO indicator on a lost device threw in each cycle: the cycle failed (every charger at its failsafe) and the
        // watchdog, subscribed after it, was never pinged — the daemon restarted every 12 s.
        await using var harness = await SimulatedSiteHarness.StartAsync(
            SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()), new SimulatedSiteOptions(), new FairShareStrategy());
        harness.Loop.CycleCompleted += _ => throw new IOException("the GPIO device is gone");
        var notifier = new RecordingNotifier(enabled: true);
        await new SystemdWatchdog(harness.Loop, notifier).StartAsync(CancellationToken.None);

        await harness.RunAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(3, notifier.Sent.Count);
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.Equal(0, harness.Loop.FailedCyclesInARow);
    }

    [Fact]
    public async Task With_no_configuration_yet_the_loop_is_alive_for_the_watchdog()
    {
        // A fresh install being configured on its page: nothing to control, and no reason for systemd to kill the daemon.
        using var store = LiteEdgeStore.OpenInMemory();
        var time = TimeProvider.System;
        using var configuration = await LoopRig.ConfigurationServiceAsync(store, time);
        await using var devices = new DeviceRegistry([], NullLogger<DeviceRegistry>.Instance);
        var events = new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance);
        using var loop = LoopRig.CreateLoop(configuration, devices, events, new SessionTracker(new SessionRecorder(store, time), events),
            new NoConstraints(), new ManualLimits(), new FairShareStrategy(), time, new ControlLoopOptions());
        var notifier = new RecordingNotifier(enabled: true);
        await new SystemdWatchdog(loop, notifier).StartAsync(CancellationToken.None);

        Assert.Null(await loop.RunCycleAsync(CancellationToken.None));
        Assert.Null(await loop.RunCycleAsync(CancellationToken.None));
        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1"], notifier.Sent);
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

    private sealed class NoConstraints : ISiteConstraintSource
    {
        public SiteConstraints Current => SiteConstraints.None;
    }

    private sealed class RecordingNotifier(bool enabled) : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];

        public bool IsEnabled => enabled;

        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }
}
