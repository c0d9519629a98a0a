using ChargeNet.EdgeAgent.Pricing;
using Microsoft.Extensions.Time.Testing;
using static ChargeNet.EdgeAgent.Tests.Pricing.PricingFixtures;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>
/// Until when a displayed price holds (docs/pricing.md, "On an OCPP 2.0.1 station"): the next change of the energy price — a
/// period boundary in the site's time zone, a spot price's edge — at the latest the end of the next local day. The contract's
/// example site: wb-02 on the public tariff (4.50; 5.50 on weekdays 07:00–19:00 in Europe/Stockholm; spot × 1.25 + 1.00), CP001
/// on the residents' flat 2.10.
/// </summary>
public sealed class NextPriceChangeTests
{
    [Theory]
    [InlineData("2026-03-04T18:58+01:00", "2026-03-04T19:00+01:00")] // Wednesday: the day price ends at 19:00 local
    [InlineData("2026-03-04T19:00+01:00", "2026-03-05T07:00+01:00")] // then the evening price until Thursday morning
    [InlineData("2026-03-06T19:00+01:00", "2026-03-08T00:00+01:00")] // Friday evening: no change over the weekend, the end of the next local day
    [InlineData("2026-03-28T12:00+01:00", "2026-03-30T00:00+02:00")] // across the spring-forward night: the local midnight, in summer time
    public async Task A_price_holds_until_the_next_period_boundary_in_local_time_or_the_end_of_the_next_local_day(string at, string until)
    {
        var (calculator, _) = await CalculatorAsync(T(at));

        Assert.Equal(T(until), calculator.NextPriceChange("wb-02", null, T(at)));
    }

    [Fact]
    public async Task A_flat_tariff_holds_to_the_end_of_the_next_local_day_the_same_answer_at_every_look_of_that_day()
    {
        var (calculator, _) = await CalculatorAsync(T("2026-03-04T00:00+01:00"));

        Assert.Equal(T("2026-03-06T00:00+01:00"), calculator.NextPriceChange("CP001", null, T("2026-03-04T00:00+01:00")));
        Assert.Equal(T("2026-03-06T00:00+01:00"), calculator.NextPriceChange("CP001", null, T("2026-03-04T23:59+01:00")));
        Assert.Equal(T("2026-03-07T00:00+01:00"), calculator.NextPriceChange("CP001", null, T("2026-03-05T00:00+01:00")));
    }

    [Fact]
    public async Task Spot_prices_cut_at_their_edges_and_a_run_of_equal_prices_is_one_span()
    {
        var (calculator, spot) = await CalculatorAsync(T("2026-03-04T10:00+01:00"));
        // Two quarter-hours at 1.00 (2.25 a kWh, both), from 11:00 local, in the middle of the day price.
        await spot.ApplyAsync(SpotPriceTable.Of("SEK",
        [
            new SpotPrice(T("2026-03-04T11:00+01:00"), T("2026-03-04T11:15+01:00"), 1.00m),
            new SpotPrice(T("2026-03-04T11:15+01:00"), T("2026-03-04T11:30+01:00"), 1.00m),
        ]), CancellationToken.None);

        Assert.Equal(T("2026-03-04T11:00+01:00"), calculator.NextPriceChange("wb-02", null, T("2026-03-04T10:50+01:00")));
        Assert.Equal(T("2026-03-04T11:30+01:00"), calculator.NextPriceChange("wb-02", null, T("2026-03-04T11:05+01:00")));
        Assert.Equal(2.25m, calculator.PriceAt("wb-02", null, T("2026-03-04T11:05+01:00"))!.EnergyPerKwh);
    }

    [Fact]
    public async Task Without_pricing_there_is_no_price_to_hold()
    {
        var site = await ContractSiteAsync();
        var none = site with { Pricing = null, Chargers = [.. site.Chargers.Select(c => c with { Tariff = null })] };
        using var spot = new SpotPrices(new EmptySpotPriceStore(), TimeProvider.System);

        Assert.Null(new SessionCostCalculator(() => none, spot).NextPriceChange("wb-02", null, T("2026-03-04T10:00+01:00")));
    }

    private static async Task<(SessionCostCalculator Calculator, SpotPrices Spot)> CalculatorAsync(DateTimeOffset now)
    {
        var site = await ContractSiteAsync();
        var spot = new SpotPrices(new EmptySpotPriceStore(), new FakeTimeProvider(now)); // the clock keeps the test's spot prices from ageing out
        return (new SessionCostCalculator(() => site, spot), spot);
    }
}
