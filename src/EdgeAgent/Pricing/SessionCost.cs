namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// A session's cost (docs/pricing.md): each component rounded once to 2 decimals, <see cref="Total"/>
/// their sum clamped to the tariff's minimum and maximum, <see cref="Vat"/> the VAT included in it.
/// All amounts include VAT, in <see cref="Currency"/>.
/// </summary>
public sealed record SessionCost(
    string Currency,
    decimal Total,
    decimal Vat,
    decimal Energy,
    decimal Time,
    decimal Idle,
    decimal Fee,
    string TariffId,
    decimal EnergyWh);
