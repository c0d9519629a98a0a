using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.Drivers.Gpio;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The demo's simulated site and the real control loop on a fake clock: the physics steps every
/// 250 ms, the grid meter is read and a cycle runs every second (the daemon with a 1 s meter poll), as fast as the CPU allows.
/// </summary>
internal sealed class SimulatedSiteHarness : IAsyncDisposable
{
    public static readonly TimeSpan PhysicsStep = TimeSpan.FromMilliseconds(250);

    private SimulatedSiteHarness(
        FakeTimeProvider time, SimulatedSite site, IEdgeStore store, SiteConfigurationService configuration,
        DeviceRegistry devices, ControlLoop loop, SimulatedGpioDriver gpioPins, SiteGpio gpio, ManualLimits manualLimits, SiteEventLog events, SessionTracker sessions)
    {
        Sessions = sessions;
        ManualLimits = manualLimits;
        Events = events;
        GpioPins = gpioPins;
        Gpio = gpio;
        Time = time;
        Site = site;
        Store = store;
        Configuration = configuration;
        Devices = devices;
        Loop = loop;
    }

    public FakeTimeProvider Time { get; }

    public SimulatedSite Site { get; }

    public IEdgeStore Store { get; }

    public SiteConfigurationService Configuration { get; }

    public DeviceRegistry Devices { get; }

    public ControlLoop Loop { get; }

    public ManualLimits ManualLimits { get; }

    public SiteEventLog Events { get; }

    public SessionTracker Sessions { get; }

    /// <summary>The pins behind the site's GPIO: set an input's level here.</summary>
    public SimulatedGpioDriver GpioPins { get; }

    public SiteGpio Gpio { get; }

    public static async Task<SimulatedSiteHarness> StartAsync(SiteConfiguration site, SimulatedSiteOptions options, IAllocationStrategy strategy)
    {
        // Noon UTC: the base load is near its daytime high.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var simulated = new SimulatedSite(options, time);
        var store = LiteEdgeStore.OpenInMemory();
        var reader = new SiteConfigurationReader(
            await SiteSchemaValidator.LoadAsync(CancellationToken.None),
            new SiteConfigurationValidator(new KnownDrivers(new HashSet<string> { KnownDrivers.Simulated }, new HashSet<string>())));
        var configuration = new SiteConfigurationService(store, reader, time, NullLogger<SiteConfigurationService>.Instance);
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), RevisionSources.Demo, "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("\n", applied.Problems));
        var devices = new DeviceRegistry([new SimulatedDeviceFactory(simulated, time)], NullLogger<DeviceRegistry>.Instance);
        await devices.ApplyAsync(configuration.Current!.Site);
        var events = new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance);
        var pins = new SimulatedGpioDriver();
        var gpio = new SiteGpio(GpioControllerProvider.Simulated(pins), configuration, events, time, NullLogger<SiteGpio>.Instance);
        var manualLimits = new ManualLimits();
        var sessions = new SessionTracker(store, events);
        var loop = new ControlLoop(
            configuration, devices, events, sessions, gpio, manualLimits, strategy, time,
            Options.Create(new ControlLoopOptions()), NullLogger<ControlLoop>.Instance);
        await new GpioIndicatorService(loop, gpio).StartAsync(CancellationToken.None);
        return new SimulatedSiteHarness(time, simulated, store, configuration, devices, loop, pins, gpio, manualLimits, events, sessions);
    }

    /// <summary>
    /// The demo site with every device reached in-process: the fake clock cannot drive real sockets,
    /// so the Modbus devices become simulated ones with the same wiring and limits.
    /// </summary>
    public static SiteConfiguration AllSimulated(SiteConfiguration site) => site with
    {
        Meters = site.Meters.Select(m => m with { Driver = KnownDrivers.Simulated, Modbus = null }).ToList(),
        Chargers = site.Chargers.Select(c => c with { Protocol = ChargerProtocols.Simulated, Driver = null, Modbus = null, OcppPassword = null }).ToList(),
    };

    /// <summary>Runs the site for <paramref name="duration"/>, calling <paramref name="observe"/> after every physics step.</summary>
    public async Task RunAsync(TimeSpan duration, Action<SimulatedSiteHarness>? observe = null)
    {
        var steps = (int)(duration / PhysicsStep);
        var stepsPerCycle = (int)(TimeSpan.FromSeconds(1) / PhysicsStep);
        for (var i = 0; i < steps; i++)
        {
            Time.Advance(PhysicsStep);
            Site.Step();
            if (i % stepsPerCycle == 0)
            {
                await Loop.PollGridMeterAsync(CancellationToken.None);
                await Loop.RunCycleAsync(CancellationToken.None);
            }

            observe?.Invoke(this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Devices.DisposeAsync();
        Gpio.Dispose();
        Configuration.Dispose();
        Store.Dispose();
        Loop.Dispose();
    }
}
