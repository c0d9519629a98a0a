using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.Integration.Tests.Ocpp;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The set-up the cloud tests share, one per test: a data directory of its own, a real mosquitto, the
/// daemon's cloud part (<see cref="CloudHarness"/>) over a real LiteDB file there, connected; the test's
/// side of the cloud subscribed (<see cref="CloudObserver"/>); and, when asked for, a strict ocpp-rpc
/// charge point (<see cref="ChargerId"/>) booted on a real OCPP central system. Disposed in the
/// reverse order, the directory last.
/// </summary>
internal sealed class CloudSite : IAsyncDisposable
{
    public const string ChargerId = "CP001";

    private readonly CloudObserver? _cloud;
    private readonly OcppTestHost? _ocpp;
    private readonly OcppPeer? _charger;
    private readonly StoreOcppAuthorizer? _authorizer;

    private CloudSite(string dataDir, MosquittoBroker broker, CloudHarness harness, CloudObserver? cloud, OcppTestHost? ocpp, OcppPeer? charger, StoreOcppAuthorizer? authorizer)
    {
        DataDir = dataDir;
        Broker = broker;
        Harness = harness;
        _cloud = cloud;
        _ocpp = ocpp;
        _charger = charger;
        _authorizer = authorizer;
    }

    /// <summary>How a charge point takes part, if one does.</summary>
    public enum OcppCharger
    {
        /// <summary>No OCPP central system.</summary>
        None,

        /// <summary>The central system keeps its transactions in the harness's store, whose sessions reach the outbox; the cloud's OCPP commands act on it.</summary>
        TransactionsInTheStore,

        /// <summary>The central system asks the harness's authorizer (the store, then the cloud as <c>authorization.mode</c> says).</summary>
        AuthorizedThroughTheCloud,
    }

    public string DataDir { get; }

    public MosquittoBroker Broker { get; }

    public CloudHarness Harness { get; }

    /// <summary>The test's side of the cloud, subscribed to <see cref="CloudSiteOptions.Observe"/>.</summary>
    public CloudObserver Cloud => _cloud ?? throw new InvalidOperationException("this site was started without an observer");

    public OcppTestHost Ocpp => _ocpp ?? throw new InvalidOperationException("this site was started without an OCPP central system");

    /// <summary>The charge point <see cref="ChargerId"/>, connected and booted.</summary>
    public OcppPeer Charger => _charger ?? throw new InvalidOperationException("this site was started without a charge point");

    public StoreOcppAuthorizer Authorizer => _authorizer ?? throw new InvalidOperationException("this site was started without the cloud authorizer");

    public static async Task<CloudSite> StartAsync(string siteId, CloudSiteOptions? options = null)
    {
        options ??= new CloudSiteOptions();
        var dataDir = Directory.CreateTempSubdirectory($"cloud-{siteId}-").FullName;
        MosquittoBroker? broker = null;
        CloudHarness? harness = null;
        OcppTestHost? ocpp = null;
        OcppPeer? charger = null;
        StoreOcppAuthorizer? authorizer = null;
        try
        {
            broker = await (options.Broker?.Invoke() ?? MosquittoBroker.StartAsync());
            var site = options.Site(CloudHarness.Site(siteId, broker.Port));
            if (options.Charger == OcppCharger.TransactionsInTheStore)
            {
                harness = await CloudHarness.StartAsync(dataDir, site, ocpp: async (transactions, _) =>
                {
                    ocpp = await OcppTestHost.StartAsync(store: transactions);
                    return ocpp.Server;
                });
            }
            else
            {
                harness = await CloudHarness.StartAsync(dataDir, site);
            }

            if (options.Charger == OcppCharger.AuthorizedThroughTheCloud)
            {
                authorizer = new StoreOcppAuthorizer(harness.Store, harness.Configuration, new CloudAuthorizeClient(harness.Authorizations, TimeProvider.System));
                ocpp = await OcppTestHost.StartAsync(authorizer: authorizer);
            }

            if (ocpp is not null)
            {
                ocpp.Registry.Add(ChargerId);
                charger = await OcppPeer.StartAsync();
                await charger.ConnectAsync(ocpp.BaseUrl, ChargerId);
                await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);
            }

            if (options.Observe is null)
            {
                return new CloudSite(dataDir, broker, harness, null, ocpp, charger, authorizer);
            }

            await harness.WaitConnectedAsync();
            var cloud = await CloudObserver.ConnectAsync(broker.Port, options.Observe);
            return new CloudSite(dataDir, broker, harness, cloud, ocpp, charger, authorizer);
        }
        catch
        {
            await DisposeAllAsync(null, charger, ocpp, harness, broker, dataDir);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(_cloud, _charger, _ocpp, Harness, Broker, DataDir);

    private static async ValueTask DisposeAllAsync(CloudObserver? cloud, OcppPeer? charger, OcppTestHost? ocpp, CloudHarness? harness, MosquittoBroker? broker, string dataDir)
    {
        foreach (var part in new IAsyncDisposable?[] { cloud, charger, ocpp, harness, broker })
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }

        Directory.Delete(dataDir, recursive: true);
    }
}

/// <summary>What a <see cref="CloudSite"/> is made of beyond the default.</summary>
internal sealed record CloudSiteOptions
{
    /// <summary>Changes to the site configuration (the demo site with the cloud on the broker).</summary>
    public Func<SiteConfiguration, SiteConfiguration> Site { get; init; } = site => site;

    /// <summary>Starts the broker; a plain mosquitto when null.</summary>
    public Func<Task<MosquittoBroker>>? Broker { get; init; }

    /// <summary>The topic filter the test's side of the cloud subscribes to once the link is connected; null: no observer, and the link is not waited for.</summary>
    public string? Observe { get; init; } = "chargenet/v1/#";

    public CloudSite.OcppCharger Charger { get; init; } = CloudSite.OcppCharger.None;
}
