namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI Price: an amount excluding and including VAT.</summary>
public sealed record OcpiPrice(decimal ExclVat, decimal InclVat);
