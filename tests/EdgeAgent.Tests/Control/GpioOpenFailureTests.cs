using System.Text;
using ChargeNet.Drivers.Gpio;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Cloud.Fleet;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.SiteSimulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// An input that cannot be read counts as active (docs/control-loop.md, "Failsafes") — also when its pin cannot even be opened
/// (busy, beyond the chip, a driver that fails only there); and the emergency stop's latch holds in memory whatever its store does.
/// </summary>
public sealed class GpioOpenFailureTests
{
    private const int StopPin = 27;
    private const int CurtailmentPin = 22;

    [Fact]
    public async Task An_input_pin_that_cannot_be_opened_counts_as_active_and_the_daemon_goes_on()
    {
        var pins = new SimulatedGpioDriver();
        pins.FailOpen(CurtailmentPin);
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, store.EmergencyStopLatch);

        var constraints = gpio.Current;
        Assert.True(constraints.EmergencyStop);
        Assert.NotNull(constraints.SiteCapKw);
        Assert.Contains(await store.Events.ListAsync(50, 0, CancellationToken.None), e => e.Code == "gpio.unavailable");
    }

    [Fact]
    public async Task A_pin_that_could_not_be_opened_is_tried_again_and_releases_the_site_once_it_reads()
    {
        // Busy at boot (another process held it a moment): left for good, the site stayed curtailed and stopped until the
        // configuration changed or the daemon restarted.
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var pins = new SimulatedGpioDriver();
        pins.SetInput(StopPin, high: true); // released (active low)
        pins.SetInput(CurtailmentPin, high: false); // not curtailed (active high)
        pins.FailOpen(CurtailmentPin);
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, store.EmergencyStopLatch, time);
        var changes = 0;
        gpio.Changed += () => changes++;

        time.Advance(SiteGpio.ReopenAfter);
        Assert.True(gpio.Current.EmergencyStop); // still busy: still active
        Assert.Equal(0, changes);

        pins.FailOpen(CurtailmentPin, fail: false);
        time.Advance(SiteGpio.ReopenAfter);
        Assert.False(gpio.Current.EmergencyStop);
        Assert.Null(gpio.Current.SiteCapKw);
        Assert.Equal(1, changes);
        var codes = (await store.Events.ListAsync(50, 0, CancellationToken.None)).Select(e => e.Code).ToList();
        Assert.Single(codes, c => c == "gpio.unavailable"); // told once, not at every try
        Assert.Contains("gpio.available", codes);
    }

    [Fact]
    public async Task A_stop_whose_input_cannot_be_read_from_the_start_is_told_as_a_stop()
    {
        // It latches, but only its failed read was told: once the pin read again, the recovery closed the fleet view's only
        // alarm while the site stayed stopped until someone acknowledged.
        var pins = new SimulatedGpioDriver();
        pins.SetInput(StopPin, high: true); // released (active low)
        pins.FailReads(StopPin);
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, store.EmergencyStopLatch);

        Assert.True(gpio.EmergencyStop.Latched);
        var codes = (await store.Events.ListAsync(50, 0, CancellationToken.None)).Select(e => e.Code).ToList();
        Assert.Contains("gpio.emergency-stop.read-failed", codes);
        Assert.Contains("gpio.emergency-stop.active", codes);
    }

    [Fact]
    public async Task A_failed_read_and_its_recovery_name_their_input_and_pin_and_close_only_that_inputs_fleet_alarm()
    {
        // Both inputs raised gpio.read-failed / gpio.read-recovered from the source gpio: the code named no input, and in the fleet
        // view the stop's pin reading again closed the one alarm both shared while the curtailment's pin still could not be read.
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var pins = new SimulatedGpioDriver();
        pins.SetInput(StopPin, high: true); // released (active low)
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, store.EmergencyStopLatch, time);

        pins.FailReads(CurtailmentPin);
        pins.FailReads(StopPin);
        time.Advance(DebouncedGpioInput.SamplePeriod);
        pins.FailReads(StopPin, fail: false);
        time.Advance(DebouncedGpioInput.SamplePeriod);

        var events = (await store.Events.ListAsync(50, 0, CancellationToken.None)).Reverse().ToList();
        var reads = events.Where(e => e.Code.Contains(".read-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["gpio.curtailment.read-failed", "gpio.emergency-stop.read-failed", "gpio.emergency-stop.read-recovered"],
            reads.Select(e => e.Code).Order(StringComparer.Ordinal));
        Assert.Contains($"curtailment input (pin {CurtailmentPin})", reads.Single(e => e.Code == "gpio.curtailment.read-failed").Message, StringComparison.Ordinal);
        Assert.Contains($"emergency stop input (pin {StopPin})", reads.Single(e => e.Code == "gpio.emergency-stop.read-recovered").Message, StringComparison.Ordinal);

        var fleet = new FleetTable();
        foreach (var e in events)
        {
            fleet.Apply("chargenet/v1/site-1/" + CloudTopics.Events, Encoding.UTF8.GetBytes(CloudPayloads.Event(e)), time.GetUtcNow());
        }

        var alarms = fleet.Sites.Single().OpenAlarms;
        Assert.Contains("gpio gpio.curtailment.read-failed", alarms);
        Assert.DoesNotContain("gpio gpio.emergency-stop.read-failed", alarms);
    }

    [Fact]
    public async Task A_stop_latches_in_memory_when_its_store_cannot_take_it()
    {
        var pins = new SimulatedGpioDriver();
        pins.SetInput(StopPin, high: true); // released (active low)
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, new FailingLatchStore());
        Assert.False(gpio.Current.EmergencyStop);

        pins.SetInput(StopPin, high: false); // pressed
        await Poll(() => gpio.Current.EmergencyStop);
        pins.SetInput(StopPin, high: true); // released: still stopped until acknowledged
        await Poll(() => !gpio.EmergencyStop.InputActive);
        Assert.True(gpio.Current.EmergencyStop);
        Assert.True(gpio.EmergencyStop.Latched);
    }

    [Fact]
    public async Task A_stop_contact_that_flaps_faster_than_the_debounce_still_stops_the_site()
    {
        // A loose contact open 60 ms, closed 60 ms, again and again: never 100 ms in one state, so a symmetric debounce never
        // saw the stop. It asserts on two samples in a row; only its release waits for the debounce.
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var pins = new SimulatedGpioDriver();
        pins.SetInput(StopPin, high: true); // released (active low)
        using var store = LiteEdgeStore.OpenInMemory();
        using var gpio = await StartAsync(pins, store, store.EmergencyStopLatch, time);

        for (var i = 0; i < 10 && !gpio.Current.EmergencyStop; i++)
        {
            foreach (var high in new[] { false, true })
            {
                pins.SetInput(StopPin, high);
                for (var ms = 0; ms < 60; ms += 10)
                {
                    time.Advance(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        Assert.True(gpio.Current.EmergencyStop);
        Assert.True(gpio.EmergencyStop.Latched);
    }

    private static async Task<SiteGpio> StartAsync(SimulatedGpioDriver pins, IEdgeStore store, IEmergencyStopLatchStore latch, TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        var configuration = await LoopRig.ConfigurationServiceAsync(store, time);
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
        {
            Gpio = new GpioSettings
            {
                EmergencyStop = new GpioPinSettings { Pin = StopPin, ActiveLow = true },
                DsoCurtailment = new CurtailmentInputSettings { Pin = CurtailmentPin, SiteLimitKw = 20 },
            },
        };
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), RevisionSources.Demo, "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
        return new SiteGpio(GpioControllerProvider.Simulated(pins), configuration, new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance),
            latch, time, NullLogger<SiteGpio>.Instance);
    }

    private static async Task Poll(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 5 s");
            await Task.Delay(10);
        }
    }

    private sealed class FailingLatchStore : IEmergencyStopLatchStore
    {
        public bool IsLatched() => false;

        public void Save(bool latched) => throw new IOException("the card is read-only");
    }
}
