using System.Text.Json;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class GpioConstraintTests
{
    private const int CurtailmentPin = 17;
    private const int EmergencyStopPin = 27;
    private const int FaultRelayPin = 22;

    private static readonly SimulatedSiteOptions AllBusy = new() { Seed = 3, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(2), MaxStay = TimeSpan.FromHours(3) };

    // Active-low contacts, as wired to a Pi with pull-ups: the input reads low while the relay is closed.
    private static SiteConfiguration SiteWithGpio() => SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create()) with
    {
        Gpio = new GpioSettings
        {
            DsoCurtailment = new CurtailmentInputSettings { Pin = CurtailmentPin, ActiveLow = true, LimitPerChargerKw = 4.2 },
            EmergencyStop = new GpioPinSettings { Pin = EmergencyStopPin, ActiveLow = true },
            FaultRelay = new GpioPinSettings { Pin = FaultRelayPin },
        },
    };

    // The site with both contacts open (inputs high): no stop, no curtailment.
    private static async Task<SimulatedSiteHarness> StartQuietAsync()
    {
        var harness = await SimulatedSiteHarness.StartAsync(SiteWithGpio(), AllBusy, new FairShareStrategy());
        harness.GpioPins.SetInput(CurtailmentPin, high: true);
        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        return harness;
    }

    [Fact]
    public async Task Emergency_stop_sets_every_connector_to_zero_within_one_cycle_and_its_release_and_acknowledgement_resume()
    {
        await using var harness = await StartQuietAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(120));
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 0);

        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25)); // the debounce (100 ms) and one cycle

        var stopped = harness.Loop.Latest!;
        Assert.All(stopped.Chargers.SelectMany(c => c.Connectors), c => Assert.Equal(0, c.LimitA));
        Assert.True(harness.GpioPins.GetOutput(FaultRelayPin), "the fault relay closes during an emergency stop");

        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(Gpio.EmergencyStopAcknowledgement.Released, await harness.Gpio.AcknowledgeEmergencyStopAsync("test", CancellationToken.None)); // the stop latches
        await harness.RunAsync(TimeSpan.FromSeconds(90)); // past the minimum pause time
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 0);
        Assert.False(harness.GpioPins.GetOutput(FaultRelayPin));
        var codes = (await harness.Store.Events.ListAsync(500, 0, CancellationToken.None)).Select(e => e.Code).ToList();
        Assert.Contains("gpio.emergency-stop.active", codes);
        Assert.Contains("gpio.emergency-stop.cleared", codes);
    }

    [Fact]
    public async Task Grid_operator_curtailment_caps_each_charger_at_its_power_within_one_cycle()
    {
        await using var harness = await StartQuietAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(120));
        Assert.Contains(harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors), c => c.LimitA > 8);

        harness.GpioPins.SetInput(CurtailmentPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25));

        // 4.2 kW at 230 V: 18.26 A on one phase, 6.09 A per phase on three.
        foreach (var connector in harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors))
        {
            Assert.True(connector.LimitA is null or <= 4200.0 / 230 + 1e-6, $"a connector kept {connector.LimitA} A under curtailment");
        }

        var threePhaseCharging = harness.Loop.Latest!.Chargers.SelectMany(c => c.Connectors)
            .Where(c => c.State == "charging" && c.CurrentA.Count(a => a > 1) == 3);
        Assert.All(threePhaseCharging, c => Assert.True(c.LimitA <= 4200.0 / 230 / 3 + 1e-6, $"a 3-phase car kept {c.LimitA} A"));
    }

    [Fact]
    public async Task The_status_and_telemetry_say_the_emergency_stop_and_its_latch_site_wide_until_it_is_acknowledged()
    {
        await using var harness = await StartQuietAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new ConstraintsView(false, false, null, null), harness.Loop.Latest!.Constraints);

        harness.GpioPins.SetInput(EmergencyStopPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25));
        Assert.Equal(new ConstraintsView(true, true, null, null), harness.Loop.Latest!.Constraints);
        var telemetry = JsonDocument.Parse(CloudPayloads.Telemetry(harness.Loop.Latest!)).RootElement.GetProperty("constraints");
        Assert.Equal("""{"emergencyStop":true,"latched":true,"siteCapKw":null,"perChargerCapKw":null}""", telemetry.GetRawText());

        // Released, the stop holds on its latch: the status says why charging stays stopped.
        harness.GpioPins.SetInput(EmergencyStopPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25));
        Assert.Equal(new ConstraintsView(true, true, null, null), harness.Loop.Latest!.Constraints);

        await harness.Gpio.AcknowledgeEmergencyStopAsync("test", CancellationToken.None);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25));
        Assert.Equal(new ConstraintsView(false, false, null, null), harness.Loop.Latest!.Constraints);
    }

    [Fact]
    public async Task The_status_and_telemetry_say_the_curtailment_in_force()
    {
        await using var harness = await StartQuietAsync();
        harness.GpioPins.SetInput(CurtailmentPin, high: false);
        await harness.RunAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new ConstraintsView(false, false, null, 4.2), harness.Loop.Latest!.Constraints);
        Assert.Equal(4.2, CloudPayloads.ToTelemetry(harness.Loop.Latest!).Constraints!.PerChargerCapKw);

        harness.GpioPins.SetInput(CurtailmentPin, high: true);
        await harness.RunAsync(TimeSpan.FromSeconds(1.25));
        Assert.Null(harness.Loop.Latest!.Constraints!.PerChargerCapKw);
    }

    [Fact]
    public async Task A_contact_that_bounces_shorter_than_the_debounce_time_changes_nothing()
    {
        await using var harness = await StartQuietAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(2));

        for (var i = 0; i < 5; i++)
        {
            harness.GpioPins.SetInput(EmergencyStopPin, high: false);
            harness.Time.Advance(TimeSpan.FromMilliseconds(40));
            harness.GpioPins.SetInput(EmergencyStopPin, high: true);
            harness.Time.Advance(TimeSpan.FromMilliseconds(40));
        }

        Assert.False(harness.Gpio.Current.EmergencyStop);
    }
}
