using ChargeNet.Drivers.Gpio;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.Drivers.Simulation;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>The composition of the daemon: one extension per part, called from Program.cs.</summary>
public static class EdgeAgentServices
{
    /// <summary>Start-up options (validated at start), logging, systemd integration and the clock.</summary>
    public static WebApplicationBuilder AddAgentHost(this WebApplicationBuilder builder, AgentOptions options)
    {
        builder.Services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        builder.Services.AddOptions<AgentOptions>()
            .Configure(o =>
            {
                o.Demo = options.Demo;
                o.DataDir = options.DataDir;
                o.SiteConfig = options.SiteConfig;
                o.WebUrls = options.WebUrls;
                o.OcppUrls = options.OcppUrls;
                o.LogLevel = options.LogLevel;
            })
            .ValidateOnStart();
        builder.Services.AddSystemd();

        // Under systemd the journal reads a priority from each line's "<N>" prefix; elsewhere a person
        // reads the plain console format.
        if (JournalOutput.IsConnected(Environment.GetEnvironmentVariable, JournalOutput.ReadStreamTarget))
        {
            builder.Logging.AddSystemdConsole();
        }

        // AddSystemd registers the notifier only under systemd; the watchdog needs one everywhere
        // (off systemd it is disabled: no NOTIFY_SOCKET), or the daemon cannot start outside it.
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true));
        return builder;
    }

    /// <summary>The store in the data directory, and the site configuration kept in it.</summary>
    public static WebApplicationBuilder AddSiteStore(this WebApplicationBuilder builder, AgentOptions options)
    {
        builder.Services.AddSingleton<IEdgeStore>(sp =>
        {
            var store = LiteEdgeStore.Open(options.DataDir, sp.GetRequiredService<TimeProvider>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiteEdgeStore>();
            foreach (var step in store.Migrations)
            {
                StoreLog.Migrated(logger, step, store.SchemaVersion);
            }

            return store;
        });
        builder.Services.AddSingleton(_ => SiteSchemaValidator.LoadAsync(CancellationToken.None).GetAwaiter().GetResult());
        builder.Services.AddSingleton(sp => new SiteConfigurationValidator(sp.GetRequiredService<KnownDrivers>()));
        builder.Services.AddSingleton<SiteConfigurationReader>();
        builder.Services.AddSingleton<SiteConfigurationService>();
        builder.Services.AddSingleton<SiteEventLog>();
        builder.Services.AddPricing();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.EventMaxAge > TimeSpan.Zero && o.SampleMaxAge > TimeSpan.Zero && o.EventMaxCount > 0, "retention ages and counts must be above 0")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1) && o.SampleInterval >= TimeSpan.FromSeconds(1), "retention intervals must be at least 1 s")
            .ValidateOnStart();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton(sp => DeviceTemplateCatalog.Load(options.DataDir, sp.GetRequiredService<ILoggerFactory>().CreateLogger<DeviceTemplateCatalog>()));
        builder.Services.AddSingleton(sp =>
        {
            var templates = sp.GetRequiredService<DeviceTemplateCatalog>().Templates.ToList();
            return new KnownDrivers(
                new HashSet<string>(templates.Where(t => t.Kind == DeviceKind.Meter).Select(t => t.Id).Append(KnownDrivers.Simulated), StringComparer.Ordinal),
                new HashSet<string>(templates.Where(t => t.Kind == DeviceKind.Charger).Select(t => t.Id), StringComparer.Ordinal));
        });
        return builder;
    }

    /// <summary>The device drivers, rebuilt live when the configuration changes.</summary>
    public static WebApplicationBuilder AddDevices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceRegistry>();
        builder.Services.AddSingleton(sp => new ModbusLinkPool(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<ModbusLinkPool>()));
        builder.Services.AddSingleton<ModbusDeviceFactory>();
        builder.Services.AddSingleton<IDeviceFactory, ConfiguredModbusDeviceFactory>();
        return builder;
    }

    /// <summary>The local OCPP central system (1.6J and 2.0.1; docs/ocpp.md), over the store and the site configuration, with its file service.</summary>
    public static WebApplicationBuilder AddOcppServer(this WebApplicationBuilder builder, AgentOptions options)
    {
        builder.Services.AddSingleton(_ => OcppFileSetup.Options(options.DataDir));
        builder.Services.AddSingleton(sp => new OcppFileUrls(OcppFileSetup.LoadOrCreateKey(options.DataDir), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ConfiguredOcppChargerRegistry>();
        builder.Services.AddSingleton<IOcppChargerRegistry>(sp => sp.GetRequiredService<ConfiguredOcppChargerRegistry>());
        builder.Services.AddSingleton<IOcppTransactionStore, OcppSessionLedger>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IEdgeStore>().OcppBoots);
        builder.Services.AddSingleton<StoreOcppAuthorizer>();
        builder.Services.AddSingleton<IOcppAuthorizer>(sp => sp.GetRequiredService<StoreOcppAuthorizer>());
        builder.Services.AddSingleton<IOcppEventSink, SiteEventOcppSink>();
        builder.Services.AddSingleton<ILocalListSource, StoreLocalListSource>();
        builder.Services.AddSingleton<LocalListSync>();
        builder.Services.AddSingleton<IOcppChargePointObserver>(sp => sp.GetRequiredService<LocalListSync>());
        builder.Services.AddSingleton(sp => new OcppUpstreamRelay(sp.GetRequiredService<IEdgeStore>().OcppUpstream, new OcppUpstreamOptions(), sp.GetRequiredService<IEdgeStore>().OcppUpstreamProfiles));
        builder.Services.AddSingleton<IOcppConnectionRelay>(sp => sp.GetRequiredService<OcppUpstreamRelay>());
        builder.Services.AddSingleton<Ocpp.UpstreamLinkStatus>();
        builder.Services.AddSingleton<IOcppCostSource, Ocpp.CostDisplay.OcppCostSource>();
        builder.Services.AddOcppCentralSystem();
        builder.Services.AddSingleton<IDeviceFactory, OcppDeviceFactory>();
        builder.Services.AddSingleton<IChargerPort, OcppChargerPort>();
        builder.Services.AddSingleton<ChargerOperations>();
        builder.Services.AddSingleton<PendingBudgets>();
        builder.Services.AddSingleton<ConnectorBudgets>();
        builder.Services.AddSingleton<BudgetPause>();
        builder.Services.AddHostedService<SessionBudgetWatch>();
        builder.Services.AddSingleton<ChargerFileOperations>();
        builder.Services.AddSingleton<ChargerQuestions>();
        builder.Services.AddSingleton<Ocpp.CostDisplay.OcppCostDisplayLink>();
        builder.Services.AddHostedService<Ocpp.CostDisplay.ChargerCostDisplay>();
        builder.Services.AddHostedService<ChargeNet.Drivers.Ocpp.V201.Ocpp201PriceDisplay>();
        return builder;
    }

    /// <summary>The control loop and the balancer it asks.</summary>
    public static WebApplicationBuilder AddControlLoop(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ControlLoopOptions>, ControlLoopOptionsValidator>();
        builder.Services.AddOptions<ControlLoopOptions>()
            .BindConfiguration(ControlLoopOptionsValidator.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IAllocationStrategy, FairShareStrategy>();
        builder.Services.TryAddSingleton<ISessionCostSource>(NoSessionCost.Instance);
        builder.Services.AddSingleton<SessionRecorder>();
        builder.Services.AddSingleton<RunningCosts>();
        builder.Services.AddSingleton<Web.ShownStatus>();
        builder.Services.AddSingleton<SessionTracker>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IEdgeStore>().EmergencyStopLatch);
        builder.Services.AddSingleton<SiteGpio>();
        builder.Services.AddSingleton<ISiteConstraintSource>(sp => sp.GetRequiredService<SiteGpio>());
        builder.Services.TryAddSingleton(GpioControllerProvider.Board);
        builder.Services.AddHostedService<GpioIndicatorService>();
        builder.Services.AddSingleton(sp => new ManualLimits(sp.GetRequiredService<IEdgeStore>().ManualLimits));
        builder.Services.AddSingleton<ISitePowerTarget, SitePeakTarget>();
        builder.Services.AddSingleton<ControlLoop>();
        // Before the loop: a virtual charger hears the first cycle (docs/upstream.md, "Virtual chargers").
        builder.Services.AddHostedService<Ocpp.Virtual.VirtualChargers>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControlLoop>());
        builder.Services.AddHostedService<MeterSampleRecorder>();
        builder.Services.AddHostedService<SystemdWatchdog>();
        return builder;
    }

    /// <summary>The simulated site of <c>--demo</c>: its physics and its devices.</summary>
    public static WebApplicationBuilder AddDemoSite(this WebApplicationBuilder builder, AgentOptions options)
    {
        if (!options.Demo)
        {
            return builder;
        }

        builder.Services.AddSingleton(new SimulatedSiteOptions());
        builder.Services.AddSingleton<SimulatedSite>();
        builder.Services.AddSingleton<IDeviceFactory, SimulatedDeviceFactory>();
        builder.Services.AddSingleton<DemoModbusServer>();
        builder.Services.AddSingleton<DemoOcppChargePoints>();
        builder.Services.AddSingleton(new SimulatedGpioDriver());
        builder.Services.AddSingleton(sp => GpioControllerProvider.Simulated(sp.GetRequiredService<SimulatedGpioDriver>()));
        builder.Services.AddHostedService<SimulatedSiteRunner>();
        builder.Services.AddHostedService<DemoReporter>();
        return builder;
    }
}
