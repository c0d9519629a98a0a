namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>What prices one session: its tariff and the site's currency, VAT rate and time zone.</summary>
public sealed record TariffPricing(Tariff Tariff, string Currency, decimal VatPercent, TimeZoneInfo TimeZone);
