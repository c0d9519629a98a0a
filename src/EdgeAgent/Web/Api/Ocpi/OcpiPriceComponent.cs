namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI PriceComponent: <c>type</c> ENERGY, TIME, PARKING_TIME or FLAT; <c>price</c> excluding VAT; <c>vat</c> in percent.</summary>
public sealed record OcpiPriceComponent(string Type, decimal Price, decimal Vat, int StepSize);
