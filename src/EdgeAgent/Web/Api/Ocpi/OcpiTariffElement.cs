namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI TariffElement: price components and when they apply (none: always).</summary>
public sealed record OcpiTariffElement(IReadOnlyList<OcpiPriceComponent> PriceComponents, OcpiTariffRestrictions? Restrictions);
