using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.Drivers.Gpio;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using ChargeNet.SiteSimulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The demo's simulated site and the real control loop on a fake clock: the physics steps every
/// 250 ms, the grid meter is read and a cycle runs every second (the daemon with a 1 s meter poll), as fast as the CPU allows.
/// </summary>
internal sealed class SimulatedSiteHarness : IAsyncDisposable
{
    public static readonly TimeSpan PhysicsStep = TimeSpan.FromMilliseconds(250);

    /// <summary>Where the clock starts: noon UTC, the base load near its daytime high.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private SimulatedSiteHarness(FakeTimeProvider time, SimulatedSite site, LoopRig rig, SimulatedGpioDriver gpioPins, SiteGpio gpio)
    {
        Time = time;
        Site = site;
        _rig = rig;
        GpioPins = gpioPins;
        Gpio = gpio;
    }

    private readonly LoopRig _rig;

    public FakeTimeProvider Time { get; }

    public SimulatedSite Site { get; }

    public IEdgeStore Store => _rig.Store;

    public SiteConfigurationService Configuration => _rig.Configuration;

    public DeviceRegistry Devices => _rig.Devices;

    public ControlLoop Loop => _rig.Loop;

    public ManualLimits ManualLimits => _rig.ManualLimits;

    public SiteEventLog Events => _rig.Events;

    public SessionTracker Sessions => _rig.Sessions;

    /// <summary>The pins behind the site's GPIO: set an input's level here.</summary>
    public SimulatedGpioDriver GpioPins { get; }

    public SiteGpio Gpio { get; }

    /// <param name="store">The store (a LiteDB file of the caller's, disposed with the harness), else an in-memory one.</param>
    /// <param name="devices">Wraps the simulated devices (a charger that refuses, one whose car says what it needs), else they are used as they are.</param>
    public static async Task<SimulatedSiteHarness> StartAsync(SiteConfiguration site, SimulatedSiteOptions options, IAllocationStrategy strategy, ISessionCostSource? costs = null, Func<SiteConfigurationService, IEdgeStore, SiteEventLog, TimeProvider, ISitePowerTarget>? sitePowerTarget = null, IEdgeStore? store = null, Func<IDeviceFactory, IDeviceFactory>? devices = null, ControlLoopOptions? loopOptions = null, ILogger<ControlLoop>? loopLogger = null)
    {
        store ??= LiteEdgeStore.OpenInMemory();
        var time = new FakeTimeProvider(Start);
        var simulated = new SimulatedSite(options, time);
        var pins = new SimulatedGpioDriver();
        SiteGpio? gpio = null;
        IDeviceFactory simulatedDevices = new SimulatedDeviceFactory(simulated, time);
        var rig = await LoopRig.StartAsync(site, devices is null ? simulatedDevices : devices(simulatedDevices), time, strategy, (configuration, events) =>
            gpio = new SiteGpio(GpioControllerProvider.Simulated(pins), configuration, events, store.EmergencyStopLatch, time, NullLogger<SiteGpio>.Instance),
            options: loopOptions, costs: costs, sitePowerTarget: sitePowerTarget is null ? null : (c, s, e) => sitePowerTarget(c, s, e, time), store: store, logger: loopLogger);
        await new GpioIndicatorService(rig.Loop, gpio!, time).StartAsync(CancellationToken.None);
        return new SimulatedSiteHarness(time, simulated, rig, pins, gpio!);
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

    public ValueTask DisposeAsync() => _rig.DisposeAsync();
}
