using System.Text.Json;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Time.Testing;
using static ChargeNet.EdgeAgent.Tests.Pricing.PricingFixtures;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>
/// The spot prices of <c>set-energy-prices</c> (docs/pricing.md): kept in the real LiteDB file across a
/// restart, a newer payload replacing the span it covers, old ones dropped after <see cref="SpotPrices.Kept"/>.
/// </summary>
public sealed class SpotPriceStoreTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(T("2026-03-02T12:00+01:00"));

    [Fact]
    public async Task Prices_received_are_priced_by_after_a_restart()
    {
        using (var prices = new SpotPrices(_file.Store.SpotPrices, _time))
        {
            await prices.ApplyAsync(Payload("2026-03-02T10:00+01:00", 0.80m, -0.125m), CancellationToken.None);
        }

        _file.Reopen();
        using var reopened = new SpotPrices(_file.Store.SpotPrices, _time);

        Assert.Equal("SEK", reopened.Current.Currency);
        Assert.Equal(
            [
                new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:15+01:00"), 0.80m),
                new SpotPrice(T("2026-03-02T10:15+01:00"), T("2026-03-02T10:30+01:00"), -0.125m),
            ],
            reopened.Current.Prices);
    }

    [Fact]
    public async Task A_newer_payload_replaces_the_span_it_covers_and_keeps_the_rest()
    {
        using var prices = new SpotPrices(_file.Store.SpotPrices, _time);
        await prices.ApplyAsync(Payload("2026-03-02T10:00+01:00", 1m, 2m, 3m, 4m), CancellationToken.None);

        var table = await prices.ApplyAsync(Payload("2026-03-02T10:15+01:00", 20m, 30m), CancellationToken.None);

        Assert.Equal([1m, 20m, 30m, 4m], table.Prices.Select(p => p.PricePerKwh));
        Assert.True(table.TryGetPrice(T("2026-03-02T10:20+01:00"), out var price) && price == 20m);
        Assert.False(table.TryGetPrice(T("2026-03-02T11:00+01:00"), out _));
    }

    [Fact]
    public async Task Prices_that_ended_long_ago_are_dropped_when_new_ones_arrive()
    {
        using var prices = new SpotPrices(_file.Store.SpotPrices, _time);
        await prices.ApplyAsync(Payload("2026-03-02T10:00+01:00", 1m), CancellationToken.None);
        _time.Advance(SpotPrices.Kept + TimeSpan.FromDays(1));

        var table = await prices.ApplyAsync(Payload("2026-04-07T10:00+02:00", 2m), CancellationToken.None);

        Assert.Equal([2m], table.Prices.Select(p => p.PricePerKwh));
    }

    [Theory]
    [InlineData("""{"currency":"SEK","prices":[{"from":"2026-03-02T10:00+01:00","to":"2026-03-02T10:15+01:00","pricePerKwh":0.8}]}""", null)]
    [InlineData("""[]""", "the payload must be a JSON object")]
    [InlineData("""{"currency":"sek","prices":[]}""", "'currency' is required: an ISO 4217 code such as SEK")]
    [InlineData("""{"currency":"SEK","prices":[]}""", "'prices' is required: a list of 1 to 2976 {from, to, pricePerKwh}")]
    [InlineData("""{"currency":"SEK","prices":[{"from":"2026-03-02T10:00","to":"2026-03-02T10:15+01:00","pricePerKwh":1}]}""", "prices[0].from is required: an ISO 8601 time with its offset, e.g. 2026-03-29T01:00:00+01:00")]
    [InlineData("""{"currency":"SEK","prices":[{"from":"2026-03-02T10:15+01:00","to":"2026-03-02T10:15+01:00","pricePerKwh":1}]}""", "prices[0].to must be after prices[0].from")]
    [InlineData("""{"currency":"SEK","prices":[{"from":"2026-03-02T10:00Z","to":"2026-03-02T10:15Z","pricePerKwh":"1"}]}""", "prices[0].pricePerKwh is required: a number from -1000000 to 1000000")]
    [InlineData("""{"currency":"SEK","prices":[{"from":"2026-03-02T10:00Z","to":"2026-03-02T10:30Z","pricePerKwh":1},{"from":"2026-03-02T10:15Z","to":"2026-03-02T10:45Z","pricePerKwh":1}]}""", "prices[1] overlaps prices[0]")]
    public void A_payload_is_taken_whole_or_refused_naming_what_is_wrong(string json, string? expectedError)
    {
        using var document = JsonDocument.Parse(json);

        var ok = SpotPricePayload.TryRead(document.RootElement, out var table, out var error);

        Assert.Equal(expectedError is null, ok);
        Assert.Equal(expectedError ?? "", error);
        Assert.Equal(ok ? 1 : 0, table.Prices.Count);
    }

    public void Dispose() => _file.Dispose();

    private static SpotPriceTable Payload(string from, params decimal[] quarterHours) =>
        SpotPriceTable.Of("SEK", quarterHours.Select((price, i) => new SpotPrice(T(from).AddMinutes(15 * i), T(from).AddMinutes(15 * (i + 1)), price)));
}
