using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Cloud.Commands;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The daemon's cloud part, in process, over a real LiteDB file and the real configuration service:
/// the outbox, its feeder, the commands that need no charger, and the link.
/// </summary>
internal sealed class CloudHarness : IAsyncDisposable
{
    private SiteStatus? _status;

    private CloudHarness(string dataDir, LiteEdgeStore store, SiteConfigurationService configuration, SiteEventLog events, CloudOutbox outbox, CloudOutboxFeeder feeder, CloudLink link, SpotPrices spotPrices, CloudAuthorizeRequests authorizations)
    {
        SpotPrices = spotPrices;
        Authorizations = authorizations;
        DataDir = dataDir;
        Store = store;
        Configuration = configuration;
        Events = events;
        Outbox = outbox;
        Feeder = feeder;
        Link = link;
    }

    public string DataDir { get; }

    /// <summary>The link's authorize requests (docs/mqtt.md), for an authorizer in cloud mode.</summary>
    public CloudAuthorizeRequests Authorizations { get; }

    public LiteEdgeStore Store { get; }

    public SiteConfigurationService Configuration { get; }

    public SiteEventLog Events { get; }

    public CloudOutbox Outbox { get; }

    public CloudOutboxFeeder Feeder { get; }

    public CloudLink Link { get; }

    /// <summary>The spot prices <c>set-energy-prices</c> keeps.</summary>
    public SpotPrices SpotPrices { get; }

    public SiteStatus? Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public static SiteConfiguration Site(string siteId, int port, string? username = null, string? password = null) => DemoSiteConfiguration.Create() with
    {
        SiteId = siteId,
        Cloud = new CloudSettings { Enabled = true, Host = "127.0.0.1", Port = port, Tls = false, Username = username, Password = password, TelemetryIntervalS = 1 },
    };

    /// <param name="ocpp">When given, starts an OCPP central system over the harness's store (its transactions through
    /// the given port, whose sessions reach the harness's outbox); the OCPP commands
    /// (CloudCommandSet.Chargers: start-session, stop-session, …) act on its charge points.</param>
    public static async Task<CloudHarness> StartAsync(
        string dataDir,
        SiteConfiguration site,
        CloudSyncOptions? tuning = null,
        Func<Drivers.Ocpp.Ports.IOcppTransactionStore, LiteEdgeStore, Task<Drivers.Ocpp.CentralSystem.OcppServer>>? ocpp = null,
        TimeProvider? clock = null,
        Func<LiteEdgeStore, IEdgeStore>? wrapStore = null)
    {
        var options = Options.Create(tuning ?? new CloudSyncOptions { ReconnectInitial = TimeSpan.FromMilliseconds(100), ReconnectMax = TimeSpan.FromMilliseconds(500) });
        var time = clock ?? TimeProvider.System;
        var file = LiteEdgeStore.Open(dataDir);
        var store = wrapStore?.Invoke(file) ?? file; // a test may stand between the daemon and its file
        var drivers = new KnownDrivers(
            new HashSet<string>(site.Meters.Select(m => m.Driver!).Append(KnownDrivers.Simulated), StringComparer.Ordinal),
            new HashSet<string>(site.Chargers.Where(c => c.Driver is not null).Select(c => c.Driver!), StringComparer.Ordinal));
        var reader = new SiteConfigurationReader(await SiteSchemaValidator.LoadAsync(CancellationToken.None), new SiteConfigurationValidator(drivers));
        var configuration = new SiteConfigurationService(store, reader, time, NullLogger<SiteConfigurationService>.Instance);
        await configuration.LoadAsync(CancellationToken.None);
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), "test", "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
        var events = new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance);
        var outbox = new CloudOutbox(store, events, options, time, NullLogger<CloudOutbox>.Instance);
        var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance);
        var spotPrices = new SpotPrices(store.SpotPrices, time);
        // The daemon's own list of commands (CloudCommandSet), over the harness's parts: the site's, and with a central system the chargers'.
        var parts = new ServiceCollection().AddSingleton(configuration).AddSingleton(spotPrices);
        if (ocpp is not null)
        {
            var server = await ocpp(new OcppSessionLedger(file, new SessionRecorder(file, time, outbox: outbox)), file);
            var operations = new ChargerOperations(configuration, new OcppChargerPort(server));
            var localList = new LocalListSync(new StoreLocalListSource(file), new ServiceCollection().AddSingleton(server).BuildServiceProvider(), new SiteEventOcppSink(events), time, NullLogger<LocalListSync>.Instance);
            parts.AddSingleton(server).AddSingleton(operations).AddSingleton(localList).AddSingleton<OcppCommandTarget>().AddSingleton<ChargerQuestions>()
                .AddSingleton(new ChargerFileOperations(operations, OcppFileSetup.Options(dataDir), new OcppFileUrls(OcppFileSetup.LoadOrCreateKey(dataDir), time), time))
                .AddCloudCommands(CloudCommandSet.Chargers);
        }

        var commands = parts.AddCloudCommands(CloudCommandSet.Site).BuildServiceProvider().GetServices<ICloudCommand>().ToList();
        var dispatcher = new CloudCommandDispatcher(commands, store, configuration, time, options, NullLogger<CloudCommandDispatcher>.Instance);
        CloudHarness? harness = null;
        var telemetry = new CloudTelemetrySource(() => harness?.Status);
        var authorizations = new CloudAuthorizeRequests(NullLogger<CloudAuthorizeRequests>.Instance);
        var link = new CloudLink(configuration, outbox, dispatcher, telemetry, events, options, time, NullLogger<CloudLink>.Instance, authorizations);
        harness = new CloudHarness(dataDir, file, configuration, events, outbox, feeder, link, spotPrices, authorizations);
        await feeder.StartAsync(CancellationToken.None);
        await link.StartAsync(CancellationToken.None);
        return harness;
    }

    public async Task WaitConnectedAsync(bool connected = true)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Link.IsConnected != connected)
        {
            Assert.True(DateTime.UtcNow < deadline, connected ? "the link did not connect" : "the link did not notice the broker going");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Link.StopAsync(CancellationToken.None);
        await Feeder.StopAsync(CancellationToken.None);
        Link.Dispose();
        Feeder.Dispose();
        Outbox.Dispose();
        SpotPrices.Dispose();
        Configuration.Dispose();
        Store.Dispose();
    }
}
