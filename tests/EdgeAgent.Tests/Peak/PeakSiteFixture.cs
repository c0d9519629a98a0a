using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Peak;

/// <summary>
/// A <see cref="SitePeakTarget"/> as the daemon builds it, over a real configuration service and the
/// given store, with the demo site and a power tariff applied; readings and snapshots made by hand.
/// </summary>
internal sealed class PeakSiteFixture : IDisposable
{
    private readonly SpotPrices _prices;

    private PeakSiteFixture(SiteConfigurationService configuration, SpotPrices prices, SitePeakTarget target, SiteEventLog events)
    {
        _prices = prices;
        Configuration = configuration;
        Target = target;
        Events = events;
    }

    public SiteConfigurationService Configuration { get; }

    public SitePeakTarget Target { get; }

    public SiteEventLog Events { get; }

    public static PowerTariffSettings HighestHour(double assumedEnergyKwh = 20) => new()
    {
        WindowMinutes = 60,
        TimeZone = "Europe/Stockholm",
        Currency = "SEK",
        PricePerKw = 100,
        AssumedEnergyKwh = assumedEnergyKwh,
    };

    public static async Task<PeakSiteFixture> StartAsync(IEdgeStore store, FakeTimeProvider time, PowerTariffSettings? tariff)
    {
        var reader = new SiteConfigurationReader(
            await SiteSchemaValidator.LoadAsync(CancellationToken.None),
            new SiteConfigurationValidator(new KnownDrivers(new HashSet<string> { KnownDrivers.Simulated }, new HashSet<string>())));
        var configuration = new SiteConfigurationService(store, reader, time, NullLogger<SiteConfigurationService>.Instance);
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        var site = demo with { Grid = demo.Grid with { PowerTariff = tariff } };
        var applied = await configuration.ApplyAsync(SiteConfigurationReader.Write(site), RevisionSources.Demo, "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("\n", applied.Problems));
        var events = new SiteEventLog(store, time, NullLogger<SiteEventLog>.Instance);
        var prices = new SpotPrices(store.SpotPrices, time);
        var target = new SitePeakTarget(configuration, store, prices, events, Options.Create(new ControlLoopOptions()), NullLogger<SitePeakTarget>.Instance);
        return new PeakSiteFixture(configuration, prices, target, events);
    }

    /// <summary>The grid meter reads <paramref name="kw"/> in total at <paramref name="at"/>.</summary>
    public static MeterReading Reading(DateTimeOffset at, double kw)
    {
        var a = kw * 1000 / 3 / 230;
        return new MeterReading(at, new PhaseValues(a, a, a), new PhaseValues(230, 230, 230), new PhaseValues(kw * 1000 / 3, kw * 1000 / 3, kw * 1000 / 3), kw * 1000, 0);
    }

    /// <summary>The demo's 80 A grid with the given cars (3-phase, 32 A chargers) drawing <c>drawA</c> on each phase.</summary>
    public static SiteSnapshot Snapshot(DateTimeOffset at, params (DateTimeOffset PluggedAt, double DrawA, double SessionWh)[] cars) => new()
    {
        Time = at,
        Nodes = [new CircuitNode { Id = "grid", MaxCurrentA = PhaseCurrents.All(80) }],
        Connectors = [.. cars.Select((car, i) => new ConnectorInput
        {
            Id = $"CP{i}/1",
            ChargerId = $"CP{i}",
            CircuitIndex = 0,
            MaxCurrentA = 32,
            Activity = ConnectorActivity.Charging,
            MeasuredCurrentA = PhaseCurrents.All(car.DrawA),
            MeasuredAt = at,
            LastLimitA = 32,
            SessionStartedAt = car.PluggedAt,
            SessionEnergyWh = car.SessionWh,
        })],
        Settings = new BalancerSettings { FallbackCurrentA = 40 },
    };

    /// <summary>One cycle every <paramref name="step"/> from <paramref name="from"/> up to (not including) <paramref name="to"/>, the site at <paramref name="kw"/>, no car.</summary>
    public async Task<SiteSnapshot> RunAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan step, double kw)
    {
        SiteSnapshot? last = null;
        for (var at = from; at < to; at += step)
        {
            last = await Target.ApplyAsync(Snapshot(at), Reading(at, kw), gridStale: false, CancellationToken.None);
            await Target.Saving; // a save takes milliseconds, a cycle seconds: each save is done before the next cycle
        }

        return last!;
    }

    public static async Task<IReadOnlyList<EdgeEvent>> EventsAsync(IEdgeStore store) => await store.Events.ListAsync(100, 0, CancellationToken.None);

    public void Dispose()
    {
        _prices.Dispose();
        Configuration.Dispose();
    }
}
