using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// The real control loop wired as the daemon wires it, over in-process devices: an in-memory store,
/// the configuration service with <paramref name="site"/> applied, a device registry with the given
/// factory. Tests, the site simulator and the benchmarks all build their loop here, so a change of
/// the loop's constructor is adapted in <see cref="CreateLoop"/> alone.
/// </summary>
public sealed class LoopRig : IAsyncDisposable
{
    private readonly ISiteConstraintSource _constraints;

    private LoopRig(IEdgeStore store, SiteConfigurationService configuration, DeviceRegistry devices, SiteEventLog events, SessionTracker sessions, ManualLimits manualLimits, ISiteConstraintSource constraints, ControlLoop loop)
    {
        Store = store;
        Configuration = configuration;
        Devices = devices;
        Events = events;
        Sessions = sessions;
        ManualLimits = manualLimits;
        _constraints = constraints;
        Loop = loop;
    }

    public IEdgeStore Store { get; }

    public SiteConfigurationService Configuration { get; }

    public DeviceRegistry Devices { get; }

    public SiteEventLog Events { get; }

    public SessionTracker Sessions { get; }

    public ManualLimits ManualLimits { get; }

    public ControlLoop Loop { get; }

    /// <summary>
    /// Builds the rig. <paramref name="constraints"/> makes the site's constraint source (GPIO) from the
    /// rig's configuration and event log; none gives a site without constraints. <paramref name="costs"/>
    /// prices the sessions (none: no pricing). <paramref name="store"/> is the store to use (a LiteDB file
    /// of the caller's; the rig disposes it), none an in-memory one.
    /// </summary>
    public static async Task<LoopRig> StartAsync(
        SiteConfiguration site,
        IDeviceFactory deviceFactory,
        TimeProvider time,
        IAllocationStrategy strategy,
        Func<SiteConfigurationService, SiteEventLog, ISiteConstraintSource>? constraints = null,
        ControlLoopOptions? options = null,
        ISessionCostSource? costs = null,
        Func<SiteConfigurationService, IEdgeStore, SiteEventLog, ISitePowerTarget>? sitePowerTarget = null,
        IEdgeStore? store = null,
        ILogger<ControlLoop>? logger = null)
    {
        store ??= LiteEdgeStore.OpenInMemory();
        var configuration = await ConfigurationServiceAsync(store, time).ConfigureAwait(false);
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), RevisionSources.Demo, "test", CancellationToken.None).ConfigureAwait(false);
        if (!applied.Accepted)
        {
            throw new InvalidOperationException("the site configuration was refused:\n" + string.Join("\n", applied.Problems));
        }

        var devices = new DeviceRegistry([deviceFactory], NullLogger<DeviceRegistry>.Instance);
        await devices.ApplyAsync(configuration.Current!.Site).ConfigureAwait(false);
        var events = new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance);
        var sessions = new SessionTracker(new SessionRecorder(store, time, costs), events);
        var manualLimits = new ManualLimits();
        var constraintSource = constraints?.Invoke(configuration, events) ?? new NoConstraints();
        var loop = CreateLoop(configuration, devices, events, sessions, constraintSource, manualLimits, strategy, time, options ?? new ControlLoopOptions(), sitePowerTarget?.Invoke(configuration, store, events), logger);
        return new LoopRig(store, configuration, devices, events, sessions, manualLimits, constraintSource, loop);
    }

    /// <summary>A configuration service over <paramref name="store"/> that knows the simulated drivers, nothing applied yet.</summary>
    public static async Task<SiteConfigurationService> ConfigurationServiceAsync(IEdgeStore store, TimeProvider time)
    {
        var reader = new SiteConfigurationReader(
            await SiteSchemaValidator.LoadAsync(CancellationToken.None).ConfigureAwait(false),
            new SiteConfigurationValidator(new KnownDrivers(new HashSet<string> { KnownDrivers.Simulated }, new HashSet<string>())));
        return new SiteConfigurationService(store, reader, time, NullLogger<SiteConfigurationService>.Instance);
    }

    /// <summary>The one place outside the daemon's host that constructs a <see cref="ControlLoop"/>.</summary>
    public static ControlLoop CreateLoop(
        SiteConfigurationService configuration,
        DeviceRegistry devices,
        SiteEventLog events,
        SessionTracker sessions,
        ISiteConstraintSource constraints,
        ManualLimits manualLimits,
        IAllocationStrategy strategy,
        TimeProvider time,
        ControlLoopOptions options,
        ISitePowerTarget? sitePowerTarget = null,
        ILogger<ControlLoop>? logger = null) =>
        new(configuration, devices, events, sessions, constraints, manualLimits, strategy, time, Options.Create(options), logger ?? NullLogger<ControlLoop>.Instance, sitePowerTarget);

    public async ValueTask DisposeAsync()
    {
        await Devices.DisposeAsync().ConfigureAwait(false);
        (_constraints as IDisposable)?.Dispose();
        Configuration.Dispose();
        Store.Dispose();
        Loop.Dispose();
    }

    private sealed class NoConstraints : ISiteConstraintSource
    {
        public SiteConstraints Current => SiteConstraints.None;
    }
}
