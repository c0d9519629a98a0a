namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>What one idTag owes in a statement.</summary>
/// <param name="Total">The sum of the sessions' rounded totals (incl. VAT).</param>
/// <param name="Vat">The sum of the sessions' rounded VAT.</param>
public sealed record StatementRow(string? IdTag, int Sessions, decimal EnergyKwh, decimal Total, decimal Vat, IReadOnlyList<string> TariffIds);

