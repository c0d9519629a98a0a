using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// <c>cmd/set-energy-prices</c> from a real mosquitto (docs/mqtt.md, docs/pricing.md): quarter-hours kept
/// and answered; a payload with a wrong price or another currency refused whole, nothing kept.
/// </summary>
public sealed class SetEnergyPricesTests : IAsyncLifetime
{
    private const string Site = "site-spot";
    private const string Topic = $"chargenet/v1/{Site}/cmd/set-energy-prices";

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site, new CloudSiteOptions
    {
        Site = site => site with
        {
            Pricing = new PricingSettings
            {
                Currency = "SEK",
                VatPercent = 25,
                DefaultTariff = "public",
                Tariffs = [new TariffSettings { Id = "public", EnergyPerKwh = 4.50m, Spot = new SpotPriceSettings { Multiplier = 1.25m, MarkupPerKwh = 1.00m } }],
            },
        },
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Quarter_hours_are_kept_and_answered()
    {
        // Tomorrow's first two quarter-hours, written with another offset than UTC.
        var day = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1), TimeSpan.Zero);
        var offset = TimeSpan.FromHours(2);
        string At(int minutes) => day.AddMinutes(minutes).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        await _site.Cloud.PublishAsync(Topic, $$"""
            {"id":"p-1","currency":"SEK","prices":[
              {"from":"{{At(15)}}","to":"{{At(30)}}","pricePerKwh":-0.05},
              {"from":"{{At(0)}}","to":"{{At(15)}}","pricePerKwh":0.8125}]}
            """);
        var reply = await ReplyAsync();

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(2, reply.GetProperty("result").GetProperty("received").GetInt32());
        Assert.Equal(
            [new SpotPrice(day, day.AddMinutes(15), 0.8125m), new SpotPrice(day.AddMinutes(15), day.AddMinutes(30), -0.05m)],
            _site.Harness.SpotPrices.Current.Prices);
        Assert.Equal(_site.Harness.SpotPrices.Current.Prices, _site.Harness.Store.SpotPrices.Load().Prices);
    }

    [Theory]
    [InlineData("""{"id":"p-2","currency":"EUR","prices":[{"from":"2026-03-29T00:00Z","to":"2026-03-29T00:15Z","pricePerKwh":0.08}]}""", "'currency' EUR is not the site's currency (SEK)")]
    [InlineData("""{"id":"p-3","currency":"SEK","prices":[{"from":"2026-03-29T00:00Z","to":"2026-03-29T00:15Z","pricePerKwh":1},{"from":"2026-03-29T00:15Z","to":"2026-03-29T00:00Z","pricePerKwh":1}]}""", "prices[1].to must be after prices[1].from")]
    [InlineData("""{"id":"p-4","currency":"SEK"}""", "'prices' is required")]
    [InlineData("""{"id":"p-5","currency":"SEK","prices":[{"from":"2020-01-01T00:00Z","to":"2020-01-01T00:15Z","pricePerKwh":1}]}""", "every price ended before")]
    public async Task A_wrong_payload_is_refused_whole_and_nothing_is_kept(string payload, string error)
    {
        await _site.Cloud.PublishAsync(Topic, payload);
        var reply = await ReplyAsync();

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Contains(error, reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_site.Harness.SpotPrices.Current.Prices);
        Assert.Empty(_site.Harness.Store.SpotPrices.Load().Prices);
    }

    private async Task<System.Text.Json.JsonElement> ReplyAsync() =>
        (await _site.Cloud.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/cmd-result", StringComparison.Ordinal)), what: "the answer"))
            .Single(x => x.Topic.EndsWith("/cmd-result", StringComparison.Ordinal)).Json;
}
