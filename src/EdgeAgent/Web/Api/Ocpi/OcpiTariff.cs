namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>An OCPI 2.2.1 Tariff (module Tariffs), as the open station data shows a tariff of site.json.</summary>
public sealed record OcpiTariff(
    string Id,
    string Currency,
    IReadOnlyList<OcpiDisplayText> TariffAltText,
    OcpiPrice? MinPrice,
    OcpiPrice? MaxPrice,
    IReadOnlyList<OcpiTariffElement> Elements,
    DateTimeOffset LastUpdated);
