using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Tests.Storage;
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
        var pricing = SitePricing.From(await ContractSiteAsync())!;

        Assert.Equal(expected, pricing.For(entryTariff, chargerId).Tariff.Id);
    }

    [Fact]
    public async Task The_calculator_prices_by_the_configuration_in_force_and_nothing_without_pricing()
    {
        var site = await ContractSiteAsync();
        var current = site;
        using var spot = new SpotPrices(new EmptySpotPriceStore(), TimeProvider.System);
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
        var site = await ContractSiteAsync();
        using var spot = new SpotPrices(new EmptySpotPriceStore(), TimeProvider.System);
        var sessions = new PricedSessions(new SessionCostCalculator(() => site, spot));
        var start = T("2026-03-02T10:00+01:00");
        // Residents on CP001: 2.10 a kWh; 10 kWh = 21.00, vat 21.00 × 25 / 125 = 4.20. The recorder's own types
        // and the engine's are one: the session's usage is what the engine prices.
        var session = new ChargeNet.EdgeAgent.Sessions.ChargingSession("s1", "CP001", 1, ChargeNet.Drivers.Ocpp.Ports.ChargerTransactionId.FromNumber(7), "TAG", start, start.AddHours(1), 10_000, "Local")
        {
            Usage = new SessionUsage
            {
                Readings = [new(start, 5_000), new(start.AddMinutes(30), 10_000), new(start.AddHours(1), 15_000)],
                IdleSpans = [new(start.AddMinutes(40), start.AddHours(1))],
            },
        };

        Assert.Equal("residents", await sessions.TariffForAsync("CP001", 1, "TAG", CancellationToken.None));
        var cost = sessions.CostOf(session, start.AddHours(1))!;
        Assert.Equal(("residents", 21.00m, 4.20m, 10_000m), (cost.TariffId, cost.Total, cost.Vat, cost.EnergyWh));
    }

    [Fact]
    public async Task A_session_pays_its_list_entrys_tariff_on_any_charger_else_the_clouds_else_the_chargers_else_the_default()
    {
        var site = await ContractSiteAsync();
        using var test = TestStore.Open(TestStore.File);
        await test.Store.AuthorizationList.ReplaceAsync(
        [
            new AuthorizationEntry("RESIDENT", "Accepted", null, null, "residents"),
            new AuthorizationEntry("VISITOR", "Accepted", null, null),
            new AuthorizationEntry("MOVED-OUT", "Accepted", null, null, "tenants-2019"), // a tariff a later site.json removed
        ], CancellationToken.None);
        using var spot = new SpotPrices(new EmptySpotPriceStore(), TimeProvider.System);
        var sessions = new PricedSessions(new SessionCostCalculator(() => site, spot), test.Store.AuthorizationList, idTag => idTag == "PAID-IN-APP" ? "residents" : null);
        Task<string?> Tariff(string charger, string? idTag) => sessions.TariffForAsync(charger, 1, idTag, CancellationToken.None);

        // wb-02 names no tariff (the default, public, applies); CP001 names residents.
        Assert.Equal("residents", await Tariff("wb-02", "RESIDENT"));
        Assert.Equal("public", await Tariff("wb-02", "VISITOR"));
        Assert.Equal("residents", await Tariff("CP001", "VISITOR"));
        Assert.Equal("public", await Tariff("wb-02", "MOVED-OUT"));
        Assert.Equal("residents", await Tariff("wb-02", "PAID-IN-APP")); // the cloud's authorize-result named it
        Assert.Equal("public", await Tariff("wb-02", null));

        // The session is priced by the tariff it started with: 10 kWh × 2.10 on a charger of the public tariff.
        var start = T("2026-03-02T10:00+01:00");
        var session = new ChargeNet.EdgeAgent.Sessions.ChargingSession("s2", "wb-02", 1, null, "RESIDENT", start, start.AddHours(1), 10_000, "EVDisconnected", "residents")
        {
            Usage = new SessionUsage { Readings = [new(start, 0), new(start.AddHours(1), 10_000)] },
        };
        Assert.Equal(("residents", 21.00m), (sessions.CostOf(session, start.AddHours(1))!.TariffId, sessions.CostOf(session, start.AddHours(1))!.Total));
    }
}
