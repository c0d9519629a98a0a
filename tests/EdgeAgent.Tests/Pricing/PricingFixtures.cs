using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>Tariffs, times and sessions the pricing tests share: the example tariff of docs/pricing.md.</summary>
internal static class PricingFixtures
{
    public static TimeZoneInfo Stockholm { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>4.50 a kWh; 5.50 on weekdays from 07:00 to 19:00 local time.</summary>
    public static TariffSettings Public { get; } = new()
    {
        Id = "public",
        EnergyPerKwh = 4.50m,
        Periods = [new TariffPeriodSettings { Days = ["mon", "tue", "wed", "thu", "fri"], From = "07:00", To = "19:00", EnergyPerKwh = 5.50m }],
    };

    /// <summary>An instant written with its offset, e.g. <c>2026-03-02T07:00+01:00</c> (local time in Stockholm in winter).</summary>
    public static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static EnergyReading R(string at, decimal registerWh) => new(T(at), registerWh);

    public static TariffPricing Sek(TariffSettings tariff, decimal vatPercent = 25) => new(new Tariff(tariff), "SEK", vatPercent, Stockholm);

    /// <summary>A stopped session from its first reading to its last.</summary>
    public static SessionUsage Session(params EnergyReading[] readings) => new()
    {
        StartedAt = readings.Min(r => r.At),
        StoppedAt = readings.Max(r => r.At),
        Readings = readings,
    };

    public static SessionCost Final(TariffSettings tariff, SessionUsage usage, SpotPriceTable? spot = null, decimal vatPercent = 25) =>
        CostEngine.Final(Sek(tariff, vatPercent), usage, spot ?? SpotPriceTable.Empty);

    /// <summary>The contract's example site with every pricing field (docs/pricing.md), CP001 on the residents' tariff.</summary>
    public static async Task<SiteConfiguration> ContractSiteAsync() =>
        (await Configuration.SiteDocuments.CreateReaderAsync()).Read(Configuration.PricingDocuments.WithPricing).Configuration!;

    /// <summary>A spot price store that starts empty and keeps nothing (the tests hold their prices in memory).</summary>
    public sealed class EmptySpotPriceStore : ChargeNet.EdgeAgent.Storage.ISpotPriceStore
    {
        public SpotPriceTable Load() => SpotPriceTable.Empty;

        public Task SaveAsync(SpotPriceTable table, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
