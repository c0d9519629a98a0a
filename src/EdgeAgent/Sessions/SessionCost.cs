namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// What a session costs, including VAT, in the shape of docs/sessions.md ("Cost"): each component
/// rounded once to 2 decimals, <see cref="Total"/> their sum (clamped by the tariff's min/max), and
/// <see cref="Vat"/> the part of the total that is VAT. Money is decimal, never binary floating point.
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
    double EnergyWh);
