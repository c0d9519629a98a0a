using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Tests.Configuration;
using static ChargeNet.EdgeAgent.Tests.Pricing.PricingFixtures;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>docs/pricing.md, "Which tariff": the idTag's entry, else the charger's, else the default; no pricing, no cost.</summary>
public sealed class TariffSelectionTests
{
    [Theory]
    [InlineData("public", "CP001", "public")]     // the entry's tariff wins over the charger's
    [InlineData(null, "CP001", "residents")]      // the charger's
    [InlineData(null, "wb-02", "public")]         // neither: the default
    [InlineData("gone", "CP001", "residents")]    // an entry's tariff no longer configured is passed over
    public async Task The_tariff_a_session_pays(string? entryTariff, string chargerId, string expected)
    {
        var pricing = SitePricing.From(await SiteAsync())!;

        Assert.Equal(expected, pricing.For(entryTariff, chargerId).Tariff.Id);
    }

    [Fact]
    public async Task The_calculator_prices_by_the_configuration_in_force_and_nothing_without_pricing()
    {
        var site = await SiteAsync();
        var current = site;
        using var spot = new SpotPrices(new InMemorySpotPriceStore(), TimeProvider.System);
        var calculator = new SessionCostCalculator(() => current, spot);
        // Residents: 2.10 a kWh, 10 kWh on CP001 = 21.00; vat 4.20.
        var usage = Session(R("2026-03-02T10:00+01:00", 0), R("2026-03-02T11:00+01:00", 10000));

        var cost = calculator.CostOf("CP001", null, usage, usage.StoppedAt!.Value)!;
        Assert.Equal(("residents", 21.00m, 4.20m, "SEK"), (cost.TariffId, cost.Total, cost.Vat, cost.Currency));

        current = site with { Pricing = null, Chargers = [.. site.Chargers.Select(c => c with { Tariff = null })] };
        Assert.Null(calculator.CostOf("CP001", null, usage, usage.StoppedAt!.Value));
    }

    [Fact]
    public async Task A_recorded_session_is_priced_from_its_readings_and_its_idle_time()
    {
        var site = await SiteAsync();
        using var spot = new SpotPrices(new InMemorySpotPriceStore(), TimeProvider.System);
        var sessions = new PricedSessions(new SessionCostCalculator(() => site, spot));
        var start = T("2026-03-02T10:00+01:00");
        // Residents on CP001: 2.10 a kWh; 10 kWh = 21.00, vat 21.00 × 25 / 125 = 4.20. The recorder's own types
        // (double Wh) go in; the same figures as the engine's come out.
        var session = new ChargeNet.EdgeAgent.Sessions.ChargingSession("s1", "CP001", 1, ChargeNet.Drivers.Ocpp.Ports.ChargerTransactionId.FromNumber(7), "TAG", start, start.AddHours(1), 10_000, "Local")
        {
            Usage = new ChargeNet.EdgeAgent.Sessions.SessionUsage(
                [new(start, 5_000), new(start.AddMinutes(30), 10_000), new(start.AddHours(1), 15_000)], TimeSpan.FromMinutes(20), TimeSpan.Zero),
        };

        Assert.Equal("residents", sessions.TariffFor("CP001", 1, "TAG"));
        var cost = sessions.CostOf(session, start.AddHours(1))!;
        Assert.Equal(("residents", 21.00m, 4.20m, 10_000m), (cost.TariffId, cost.Total, cost.Vat, cost.EnergyWh));
    }

    private static async Task<SiteConfiguration> SiteAsync() =>
        (await SiteDocuments.CreateReaderAsync()).Read(PricingDocuments.WithPricing).Configuration!;

    private sealed class InMemorySpotPriceStore : ChargeNet.EdgeAgent.Storage.ISpotPriceStore
    {
        public SpotPriceTable Load() => SpotPriceTable.Empty;

        public Task SaveAsync(SpotPriceTable table, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
