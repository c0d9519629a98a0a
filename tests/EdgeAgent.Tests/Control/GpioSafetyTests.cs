using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Cloud.Commands;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Api;
using ChargeNet.LoadBalancer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The emergency-stop input on the simulated GPIO driver: a read error counts as active and does not
/// end the process, a change wakes the loop at once, and a stop latches until acknowledged.
/// </summary>
public sealed class GpioSafetyTests
{
    private const int EmergencyStopPin = 27;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 5, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    private static SiteConfiguration SiteWithStop() => SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
    {
        Gpio = new GpioSettings { EmergencyStop = new GpioPinSettings { Pin = EmergencyStopPin, ActiveLow = true } },
    };

    [Fact]
    public async Task A_read_error_in_the_sampling_timer_counts_the_stop_as_active_raises_one_event_and_does_not_end_the_process()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(Connectors(harness.Loop.Latest!), c => c.LimitA > 0);

        harness.GpioPins.FailReads(EmergencyStopPin);
        await harness.RunAsync(TimeSpan.FromSeconds(3)); // the sampling timer fails ~150 times on the fake clock

        Assert.True(harness.Gpio.Current.EmergencyStop);
        Assert.All(Connectors(harness.Loop.Latest!), c => Assert.Equal(0, c.LimitA));
        var codes = (await harness.Store.Events.ListAsync(500, 0, CancellationToken.None)).Select(e => e.Code).ToList();
        Assert.Single(codes, c => c == "gpio.emergency-stop.read-failed");

        // The stop it latched is told as a stop (its fleet alarm closes at the acknowledgement, not when the pin reads again).
        Assert.Contains("gpio.emergency-stop.active", codes);

        // It reads again: told once (the fleet view's alarm closes on it), and the stop stays latched until acknowledged.
        harness.GpioPins.FailReads(EmergencyStopPin, fail: false);
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        codes = [.. (await harness.Store.Events.ListAsync(500, 0, CancellationToken.None)).Select(e => e.Code)];
        Assert.Single(codes, c => c == "gpio.emergency-stop.read-recovered");
        Assert.True(harness.Gpio.Current.EmergencyStop);
    }

    [Fact]
    public async Task An_emergency_stop_wakes_the_control_loop_at_once_not_at_its_next_period()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.Online = false; // no readings: cycles come only once per period (1 s) or when woken
        var statuses = new List<SiteStatus>();
        harness.Loop.CycleCompleted += s =>
        {
            lock (statuses)
            {
                statuses.Add(s);
            }
        };
        using var stop = new CancellationTokenSource();
        await harness.Loop.StartAsync(stop.Token);
        await AdvanceAsync(harness, TimeSpan.FromSeconds(3)); // a cycle has just run on the period

        var pressedAt = harness.Time.GetUtcNow();
        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        for (var t = TimeSpan.Zero; !Stopped(statuses); t += Step)
        {
            Assert.True(t < TimeSpan.FromMilliseconds(400), "no cycle acted on the stop within 400 ms (debounce 100 ms): the loop was not woken");
            await StepAsync(harness);
        }

        Assert.True(harness.Time.GetUtcNow() - pressedAt < TimeSpan.FromMilliseconds(400));
        await stop.CancelAsync();
        await harness.Loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_emergency_stop_latches_after_release_until_acknowledged_and_is_not_released_while_pressed()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(EmergencyStopAcknowledgement.NotLatched, await harness.Gpio.AcknowledgeEmergencyStopAsync("admin", CancellationToken.None));

        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(EmergencyStopAcknowledgement.StillActive, await harness.Gpio.AcknowledgeEmergencyStopAsync("admin", CancellationToken.None));

        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(new EmergencyStopState(true, false, true), harness.Gpio.EmergencyStop);
        Assert.All(Connectors(harness.Loop.Latest!), c => Assert.Equal(0, c.LimitA));

        Assert.Equal(EmergencyStopAcknowledgement.Released, await harness.Gpio.AcknowledgeEmergencyStopAsync("admin", CancellationToken.None));
        await harness.RunAsync(TimeSpan.FromSeconds(90));
        Assert.Contains(Connectors(harness.Loop.Latest!), c => c.LimitA > 0);
        var acknowledged = (await harness.Store.Events.ListAsync(500, 0, CancellationToken.None)).Single(e => e.Code == "gpio.emergency-stop.acknowledged");
        Assert.Contains("admin", acknowledged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_REST_route_of_the_pages_button_and_the_cloud_command_release_a_latched_stop_only_once_the_button_is_released()
    {
        await using var harness = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var command = new AcknowledgeEmergencyStopCommand(harness.Gpio);
        var acknowledge = JsonDocument.Parse("{\"id\":\"ack-1\"}").RootElement;
        var ct = CancellationToken.None;

        // Pressed: neither door releases it.
        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<CloudCommandException>(() => command.ExecuteAsync(acknowledge, ct));
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>((await GpioApi.Acknowledge(harness.Gpio, new DefaultHttpContext(), ct)).Result).StatusCode);

        // Released: the cloud command lifts the latch.
        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.True(harness.Gpio.EmergencyStop.Latched);
        await command.ExecuteAsync(acknowledge, ct);
        Assert.False(harness.Gpio.EmergencyStop.Latched);

        // Pressed and released again: the page's REST route lifts it.
        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.True(harness.Gpio.EmergencyStop.Latched);
        Assert.IsType<Ok<EmergencyStopState>>((await GpioApi.Acknowledge(harness.Gpio, new DefaultHttpContext(), ct)).Result);
        Assert.False(harness.Gpio.EmergencyStop.Latched);
        var by = (await harness.Store.Events.ListAsync(500, 0, ct)).Where(e => e.Code == "gpio.emergency-stop.acknowledged").Select(e => e.Message).ToList();
        Assert.Equal(2, by.Count);
        Assert.Contains(by, m => m.Contains("cloud command ack-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_latched_stop_stays_latched_across_a_restart_until_acknowledged()
    {
        var directory = Directory.CreateTempSubdirectory("chargenet-estop-").FullName;
        try
        {
            await using (var before = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy(), store: LiteEdgeStore.Open(directory)))
            {
                await before.RunAsync(TimeSpan.FromSeconds(2));
                before.GpioPins.SetInput(EmergencyStopPin, high: false);
                await before.RunAsync(TimeSpan.FromSeconds(2));
                before.GpioPins.SetInput(EmergencyStopPin, high: true);
                await before.RunAsync(TimeSpan.FromSeconds(2));
                Assert.Equal(new EmergencyStopState(true, false, true), before.Gpio.EmergencyStop);
            }

            // The daemon starts again with the button released: still stopped, until someone acknowledges.
            await using (var after = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy(), store: LiteEdgeStore.Open(directory)))
            {
                Assert.Equal(new EmergencyStopState(true, false, true), after.Gpio.EmergencyStop);
                await after.RunAsync(TimeSpan.FromSeconds(60));
                Assert.All(Connectors(after.Loop.Latest!), c => Assert.Equal(0, c.LimitA));
                Assert.Equal(EmergencyStopAcknowledgement.Released, await after.Gpio.AcknowledgeEmergencyStopAsync("admin", CancellationToken.None));
            }

            // Acknowledged before the next restart: it starts unlatched.
            await using var again = await SimulatedSiteHarness.StartAsync(SiteWithStop(), AllBusy, new FairShareStrategy(), store: LiteEdgeStore.Open(directory));
            Assert.False(again.Gpio.EmergencyStop.Latched);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<ConnectorView> Connectors(SiteStatus status) => status.Chargers.SelectMany(c => c.Connectors);

    private static bool Stopped(List<SiteStatus> statuses)
    {
        lock (statuses)
        {
            return statuses.Count > 0 && Connectors(statuses[^1]).All(c => c.LimitA == 0);
        }
    }

    private static async Task AdvanceAsync(SimulatedSiteHarness harness, TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Step)
        {
            await StepAsync(harness);
        }
    }

    // Fake time moves in small steps, each once the loop sleeps again (as ControlLoopTriggerTests do).
    private static async Task StepAsync(SimulatedSiteHarness harness)
    {
        await PollAsync(() => harness.Loop.IsIdle);
        harness.Time.Advance(Step);
        harness.Site.Step();
        await PollAsync(() => harness.Loop.IsIdle);
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
}
