using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Ocpp.CostDisplay;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// A real central system whose sessions the cost engine prices, on a fake clock: the sessions and the engine over an in-memory
/// store, the site's configuration replaceable (<see cref="Site"/>, as an edit on the page or REST replaces it). What the
/// 2.0.1 display services are tested against.
/// </summary>
internal sealed class PricedOcppHost : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock;

    private PricedOcppHost(FakeTimeProvider clock, SiteConfiguration site, LiteEdgeStore store, SpotPrices spot)
    {
        _clock = clock;
        Site = site;
        Store = store;
        Spot = spot;
        Calculator = new SessionCostCalculator(() => Site, spot);
        Recorder = new SessionRecorder(store, clock, new PricedSessions(Calculator));
    }

    public OcppTestHost Host { get; private set; } = null!;

    /// <summary>The configuration in force; set it to edit the site.</summary>
    public SiteConfiguration Site { get; set; }

    public LiteEdgeStore Store { get; }

    public SpotPrices Spot { get; }

    public SessionCostCalculator Calculator { get; }

    public SessionRecorder Recorder { get; }

    /// <summary>The daemon's cost port over these sessions and this engine.</summary>
    public OcppCostSource Costs => new(Recorder, Calculator, Store, _clock);

    public static async Task<PricedOcppHost> StartAsync(FakeTimeProvider clock, string siteJson)
    {
        var store = LiteEdgeStore.OpenInMemory(clock);
        var priced = new PricedOcppHost(clock, SiteConfigurationReader.ReadPart<SiteConfiguration>(siteJson)!, store, new SpotPrices(store.SpotPrices, clock));
        priced.Host = await OcppTestHost.StartAsync(store: new OcppSessionLedger(store, priced.Recorder));
        return priced;
    }

    /// <summary>A 2.0.1 station configured, connected and booted, whose base report (<paramref name="report"/>) the central system has read.</summary>
    public Task<OcppPeer> BootAsync(string id, object[] report)
    {
        Host.Registry.Add(id, version: OcppVersion.V201);
        return Ocpp201CostDisplayTests.BootAsync(Host.BaseUrl, id, report);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Spot.Dispose();
        Store.Dispose();
    }
}
