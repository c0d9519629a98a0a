using ChargeNet.EdgeAgent.Tests.Web;
using ChargeNet.EdgeAgent.Web.Api;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web;
using ChargeNet.LoadBalancer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class CycleFailureTests
{
    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 9, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    [Fact]
    public async Task Failing_cycles_send_every_charger_its_failsafe_and_readiness_says_the_loop_is_not_controlling_until_one_completes()
    {
        var strategy = new BreakableStrategy();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, strategy);
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 6);
        Assert.IsType<Ok<string>>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);

        strategy.Broken = true;
        await harness.RunAsync(TimeSpan.FromSeconds(3));
        var failing = harness.Loop.Latest!;
        Assert.False(failing.Controlling);
        Assert.True(failing.FailedCycles >= 2, $"{failing.FailedCycles} failed cycles counted");
        foreach (var charger in site.Chargers)
        {
            var failsafeA = charger.FailsafeCurrentA ?? charger.MinCurrentA;
            foreach (var connector in harness.Loop.Latest!.Chargers.Single(c => c.Id == charger.Id).Connectors)
            {
                Assert.True(connector.LimitA <= failsafeA + 1e-9, $"{charger.Id}/{connector.Id} kept {connector.LimitA} A with every cycle failing");
            }
        }

        var ready = (await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result;
        var problem = Assert.IsType<ProblemHttpResult>(ready);
        Assert.Equal(503, problem.StatusCode);

        strategy.Broken = false;
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.Equal(0, harness.Loop.Latest!.FailedCycles);

        // Ready again only once cycles have completed for ReadyAfterFailure (cycles failing every other time flipped it each cycle).
        Assert.Equal(503, Assert.IsType<ProblemHttpResult>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result).StatusCode);
        await harness.RunAsync(ControlLoop.ReadyAfterFailure);
        Assert.IsType<Ok<string>>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task Cycles_that_fail_every_other_time_keep_readiness_at_503_and_log_one_stack()
    {
        var strategy = new BreakableStrategy();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var log = new CapturingLogger<ControlLoop>();
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, strategy, loopLogger: log);
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        strategy.FailsEveryOther = true;
        var answers = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(0.5));
            var ready = (await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result;
            answers.Add(ready is ProblemHttpResult problem ? problem.StatusCode : 200);
        }

        Assert.True(strategy.Failed >= 3, $"{strategy.Failed} cycles failed: the test proves nothing");
        Assert.All(answers, a => Assert.Equal(503, a));

        // One error with its stack for the minute, and one "complete again": each failure logged its stack, each completion a line.
        Assert.Single(log.Messages, m => m.StartsWith("A control cycle failed", StringComparison.Ordinal));
        Assert.True(log.Messages.Count(m => m.StartsWith("Control cycles complete again", StringComparison.Ordinal)) <= 1, string.Join("\n", log.Messages));
    }

    [Fact]
    public async Task A_failed_cycle_reaches_the_live_feed_and_the_fault_relay_with_the_limits_just_sent_and_is_logged_once()
    {
        // The page's live feed, the demo's lines and the fault relay heard completed cycles only: through 61 failed cycles the page
        // froze on the last plan, the relay stayed open; the status of a failed cycle kept the last plan's totals and latency
        // under a new time; every failed cycle logged an error with its stack.
        const int relayPin = 22;
        var strategy = new BreakableStrategy();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
        {
            Gpio = new GpioSettings { FaultRelay = new GpioPinSettings { Pin = relayPin } },
        };
        var log = new CapturingLogger<ControlLoop>();
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, strategy, loopLogger: log);
        var demoLines = new CapturingLogger<DemoReporter>();
        await new DemoReporter(harness.Loop, demoLines).StartAsync(CancellationToken.None);
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.False(harness.GpioPins.GetOutput(relayPin));
        Assert.NotNull(harness.Loop.Latest!.LatencyMs);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var heard = FirstNotControllingAsync(harness.Loop, stop.Token);
        strategy.Broken = true;
        await harness.RunAsync(DemoReporter.Interval + TimeSpan.FromSeconds(1));

        var failed = await heard;
        Assert.StartsWith("NOT CONTROLLING", demoLines.Messages[^1], StringComparison.Ordinal);
        Assert.False(failed.Controlling);
        Assert.True(harness.GpioPins.GetOutput(relayPin), "the fault relay stays open while every cycle fails");
        var latest = harness.Loop.Latest!;
        Assert.Null(latest.LatencyMs);
        var sent = new double[3];
        foreach (var charger in site.Chargers)
        {
            var rotation = PhaseRotationExtensions.TryParse(charger.PhaseRotation, out var r) ? r : PhaseRotation.L1L2L3;
            foreach (var connector in latest.Chargers.Single(c => c.Id == charger.Id).Connectors)
            {
                Assert.Equal("cycleFailed", connector.Reason);
                for (var k = 0; k < charger.Phases; k++)
                {
                    sent[rotation.GridPhase(k)] += connector.LimitA ?? 0;
                }
            }
        }

        Assert.Equal(sent.Select(a => Math.Round(a, 2)), latest.AllocatedA);
        Assert.Single(log.Messages, m => m.StartsWith("A control cycle failed", StringComparison.Ordinal));

        strategy.Broken = false;
        await harness.RunAsync(TimeSpan.FromSeconds(2));
        Assert.True(harness.Loop.Latest!.Controlling);
        Assert.False(harness.GpioPins.GetOutput(relayPin));
        Assert.Contains(log.Messages, m => m.StartsWith("Control cycles complete again after", StringComparison.Ordinal));
    }

    private static async Task<SiteStatus> FirstNotControllingAsync(ControlLoop loop, CancellationToken cancellationToken)
    {
        await foreach (var status in StatusFeed.FollowAsync(loop, cancellationToken))
        {
            if (!status.Controlling)
            {
                return status;
            }
        }

        throw new InvalidOperationException("the feed ended");
    }

    [Fact]
    public async Task An_emergency_stop_holds_while_the_cycles_fail()
    {
        // A failed cycle sends each charger its failsafe current — never, while the stop is pressed, anything but 0 A.
        const int stopPin = 27;
        var strategy = new BreakableStrategy();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
        {
            Gpio = new GpioSettings { EmergencyStop = new GpioPinSettings { Pin = stopPin, ActiveLow = true } },
        };
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, strategy);
        harness.GpioPins.SetInput(stopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 0);

        strategy.Broken = true;
        harness.GpioPins.SetInput(stopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(3));

        Assert.True(harness.Loop.FailedCyclesInARow >= 2);
        Assert.All(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => Assert.Equal(0, c.LimitA));
        Assert.False(harness.Loop.Latest!.Controlling);
        Assert.Equal(new ConstraintsView(true, true, null, null), harness.Loop.Latest!.Constraints); // the failed status says why 0 A
    }

    [Fact]
    public async Task Cycles_that_fail_from_the_very_first_make_readiness_say_so_though_no_status_exists_yet()
    {
        // Issue 13 property 12: with no cycle ever completed there is no status to mark "not controlling"; readiness asks the loop.
        var strategy = new BreakableStrategy { Broken = true };
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, strategy);
        await harness.RunAsync(TimeSpan.FromSeconds(3));
        Assert.True(harness.Loop.FailedCyclesInARow >= 2, $"{harness.Loop.FailedCyclesInARow} failed cycles counted");
        var ready = (await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result;
        Assert.Equal(503, Assert.IsType<ProblemHttpResult>(ready).StatusCode);

        // Telemetry and the page have a status to show (it was null until a cycle completed: telemetry stayed silent).
        var failing = harness.Loop.Latest;
        Assert.NotNull(failing);
        Assert.False(failing.Controlling);
        var telemetry = ChargeNet.EdgeAgent.Cloud.CloudPayloads.ToTelemetry(failing);
        Assert.False(telemetry.Controlling);
        Assert.True(telemetry.FailedCycles >= 2);

        strategy.Broken = false;
        await harness.RunAsync(TimeSpan.FromSeconds(2) + ControlLoop.ReadyAfterFailure);
        Assert.Equal(0, harness.Loop.FailedCyclesInARow);
        Assert.IsType<Ok<string>>((await EdgeWeb.Ready(harness.Store, harness.Configuration, harness.Loop, NullLoggerFactory.Instance, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task A_store_that_cannot_keep_sessions_leaves_the_control_of_the_site_as_it_is()
    {
        // A full disk or a card remounted read-only: the sessions the cycles track cannot be written. Before, every cycle failed,
        // every charger went to its failsafe and the watchdog's pings stopped (issue 13 property 7).
        using var inner = LiteEdgeStore.OpenInMemory();
        var store = SessionsFailingStore.Around(inner);
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy(), store: store);
        await harness.RunAsync(TimeSpan.FromSeconds(60));

        var status = harness.Loop.Latest!;
        Assert.True(status.Controlling);
        Assert.Equal(0, harness.Loop.FailedCyclesInARow);
        Assert.Contains(status.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 6);
        Assert.DoesNotContain(status.Chargers.SelectMany(c => c.Connectors), c => c.Reason == "cycleFailed");
    }

    [Fact]
    public async Task A_grid_reading_that_is_not_a_number_is_a_missed_one_and_the_loop_goes_on_into_its_fallback_after_the_meter_timeout()
    {
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, AllBusy, new FairShareStrategy());
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        var meter = (SimulatedGridMeter)harness.Devices.Current.Meters[DemoSiteConfiguration.GridMeterId];
        meter.FrozenAtA = new(double.NaN, 10, 10);

        // Within the meter's timeout the last good reading stands, as for any failed read: no fallback yet.
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.True(harness.Loop.Latest!.Controlling, "a NaN reading must not make cycles fail");
        Assert.False(harness.Loop.Latest!.Grid.Fallback, "one bad reading sent the site to its fallback at once");

        await harness.RunAsync(TimeSpan.FromSeconds(site.Grid.MeterTimeoutS + 1));
        var status = harness.Loop.Latest!;
        Assert.True(status.Controlling, "a NaN reading must not make cycles fail");
        Assert.True(status.Grid.Fallback);
        Assert.All(status.AllocatedA, a => Assert.True(a <= site.Grid.FallbackCurrentA + 1e-9, $"{a} A allocated on a phase while the meter reads NaN"));
    }

    private sealed class BreakableStrategy : IAllocationStrategy
    {
        private readonly FairShareStrategy _inner = new();

        public bool Broken { get; set; }

        /// <summary>Fails every other allocation.</summary>
        public bool FailsEveryOther { get; set; }

        /// <summary>How many allocations it failed.</summary>
        public int Failed { get; private set; }

        public string Name => _inner.Name;

        private int _calls;

        public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
        {
            if (Broken || (FailsEveryOther && _calls++ % 2 == 0))
            {
                Failed++;
                throw new InvalidOperationException("a strategy that fails (test)");
            }

            _inner.Allocate(snapshot, state, result);
        }
    }
}
