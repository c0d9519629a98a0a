namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A statement's sums over its rows.</summary>
public sealed record StatementTotals(int Sessions, decimal EnergyKwh, decimal Total, decimal Vat);
