namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// What charging costs at this site (docs/pricing.md). Every price includes VAT, in
/// <see cref="Currency"/>, as drivers see it. No pricing section: sessions carry no cost.
/// </summary>
public sealed record PricingSettings
{
    /// <summary>ISO 4217 code, e.g. <c>SEK</c>.</summary>
    public string Currency { get; init; } = "";

    /// <summary>The VAT rate the prices include, in percent; splits the VAT out of a total.</summary>
    public decimal VatPercent { get; init; }

    /// <summary>The tariff of a session whose idTag entry and charger name none.</summary>
    public string DefaultTariff { get; init; } = "";

    public IReadOnlyList<TariffSettings> Tariffs { get; init; } = [];
}
