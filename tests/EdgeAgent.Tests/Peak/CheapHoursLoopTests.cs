using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.EdgeAgent.Tests.Storage;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Tests.Peak;

/// <summary>
/// Cheap hours in the daemon (docs/load-balancing.md, "Cheap hours"): the real control loop on a
/// simulated site over a real LiteDB file, energy prices put in force as <c>set-energy-prices</c>
/// does. A car that said when it leaves (OCPP 2.0.1 NotifyEVChargingNeeds), or whose charger has an
/// assumed stay, waits through a dear quarter-hour and charges in the cheap one after it; a car that
/// said nothing charges throughout.
/// </summary>
public sealed class CheapHoursLoopTests : IDisposable
{
    private static readonly DateTimeOffset Noon = SimulatedSiteHarness.Start;
    private readonly TestStore _file = TestStore.Open(TestStore.File);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_car_with_a_departure_waits_for_the_cheap_quarter_hour_and_a_car_without_one_charges_throughout(bool carSaysIt)
    {
        var site = TwoCarSite.Configuration();

        // CP003's car leaves at 15:00 and wants 2 kWh — as the car says (2.0.1 NotifyEVChargingNeeds),
        // or as the installer assumes of that charger; the cheap quarter-hour (12:15–12:30) gives it that.
        var needs = new EvChargingNeeds(Noon.AddHours(3), 2_000, null, null, Noon);
        Func<IDeviceFactory, IDeviceFactory>? devices = null;
        if (carSaysIt)
        {
            devices = simulated => new TwoCarSite.OneChargerWrapped<Saying>(simulated, "CP003", charger => new Saying(charger, needs));
        }
        else
        {
            site = site with { Chargers = [.. site.Chargers.Select(c => c.Id == "CP003" ? c with { AssumedStayHours = 3, AssumedEnergyKwh = 2 } : c)] };
        }

        SpotPrices? prices = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(
            site,
            TwoCarSite.Cars,
            new FairShareStrategy(),
            sitePowerTarget: (configuration, store, events, time) =>
                new SitePeakTarget(configuration, store, prices = new SpotPrices(store.SpotPrices, time), events, Options.Create(new ControlLoopOptions()), NullLogger<SitePeakTarget>.Instance),
            store: _file.Store,
            devices: devices);
        using var spot = prices!;
        await spot.ApplyAsync(SpotPriceTable.Of("SEK",
        [
            new SpotPrice(Noon, Noon.AddMinutes(15), 3.50m),
            new SpotPrice(Noon.AddMinutes(15), Noon.AddMinutes(30), 0.40m),
            new SpotPrice(Noon.AddMinutes(30), Noon.AddHours(4), 3.50m),
        ]), CancellationToken.None);
        Assert.Single(_file.Store.SpotPrices.Load().Prices, p => p.PricePerKwh == 0.40m);

        var outlet = harness.Site.Chargers.Single(c => c.ChargerId == "CP003").Outlets[0];
        var energyAtStartWh = outlet.EnergyWh;
        var dear = new List<(ConnectorView Waiting, ConnectorView Silent)>();
        var cheap = new List<(ConnectorView Waiting, ConnectorView Silent)>();
        var overFuseA = 0.0;
        await harness.RunAsync(TimeSpan.FromMinutes(30), h =>
        {
            var status = h.Loop.Latest!;
            var now = h.Time.GetUtcNow();
            overFuseA = Math.Max(overFuseA, (status.Grid.CurrentA?.Max() ?? 0) - site.Grid.MaxCurrentA);
            if (now < Noon.AddMinutes(1) || (now > Noon.AddMinutes(14.5) && now < Noon.AddMinutes(16)) || now > Noon.AddMinutes(20))
            {
                return; // the start, the turn of the quarter-hour while the car answers, and the end of its need
            }

            var pair = (TwoCarSite.Connector(status, "CP003"), TwoCarSite.Connector(status, "CP004"));
            (now < Noon.AddMinutes(15) ? dear : cheap).Add(pair);
        });

        Assert.NotEmpty(dear);
        Assert.NotEmpty(cheap);
        Assert.All(dear, p =>
        {
            Assert.Equal(0, p.Waiting.LimitA);
            Assert.Equal("cheapHours", p.Waiting.Reason);
            Assert.True(p.Waiting.CurrentA.Max() < 0.5, $"the waiting car drew {p.Waiting.CurrentA.Max()} A");
        });
        Assert.All(cheap, p =>
        {
            Assert.True(p.Waiting.LimitA >= 6, $"the waiting car was offered {p.Waiting.LimitA} A in the cheap quarter-hour ({p.Waiting.Reason})");
            Assert.True(p.Waiting.CurrentA.Max() > 5, $"the waiting car drew {p.Waiting.CurrentA.Max()} A in the cheap quarter-hour");
        });
        Assert.All(dear.Concat(cheap), p =>
        {
            Assert.True(p.Silent.LimitA >= 6 && p.Silent.CurrentA.Max() > 5, $"the car that said nothing was offered {p.Silent.LimitA} A ({p.Silent.Reason})");
            Assert.NotEqual("cheapHours", p.Silent.Reason);
        });

        Assert.True(overFuseA <= 0, $"the grid was {overFuseA:0.0} A over its fuse");

        // It got what it asked for within the cheap quarter-hour, long before it leaves (and, with
        // nothing cheaper left, went on taking what the car takes).
        Assert.True(outlet.EnergyWh - energyAtStartWh >= 2_000, $"the car got {outlet.EnergyWh - energyAtStartWh:0} Wh of the 2,000 Wh it asked for");
    }

    public void Dispose() => _file.Dispose();

    private sealed class Saying(ICharger inner, EvChargingNeeds needs) : ICharger
    {
        public string Id => inner.Id;

        public async Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
        {
            var status = await inner.ReadStatusAsync(cancellationToken);
            return status with { Connectors = [.. status.Connectors.Select(c => c.State == ConnectorState.Available ? c : c with { Needs = needs })] };
        }

        public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
            inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
    }
}
