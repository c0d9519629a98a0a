using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// What each idTag owes for the sessions that stopped in a range of local dates (docs/pricing.md,
/// "Statements"): for whoever bills the drivers, e.g. a housing cooperative's monthly debit.
/// </summary>
/// <param name="From">The first local date (inclusive), yyyy-MM-dd.</param>
/// <param name="To">The local date after the last (exclusive), yyyy-MM-dd.</param>
/// <param name="Currency">The site's currency; null without pricing.</param>
public sealed record Statement(string From, string To, string? Currency, IReadOnlyList<StatementRow> Rows, StatementTotals Totals)
{
    /// <summary>One row per idTag (a session without one, e.g. on a Modbus charger, under null), in idTag order.</summary>
    public static Statement Of(string from, string to, string? currency, IEnumerable<ChargingSession> sessions)
    {
        var rows = sessions
            .GroupBy(s => s.IdTag, StringComparer.Ordinal)
            .Select(g => new StatementRow(
                g.Key,
                g.Count(),
                Kwh(g.Sum(s => (decimal)s.EnergyWh)),
                g.Sum(s => s.Cost?.Total ?? 0),
                g.Sum(s => s.Cost?.Vat ?? 0),
                [.. g.Select(s => s.Cost?.TariffId ?? s.TariffId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(r => r.IdTag, StringComparer.Ordinal)
            .ToList();
        return new Statement(from, to, currency, rows, new StatementTotals(
            rows.Sum(r => r.Sessions), rows.Sum(r => r.EnergyKwh), rows.Sum(r => r.Total), rows.Sum(r => r.Vat)));
    }

    private static decimal Kwh(decimal wh) => decimal.Round(wh / 1000, 3, MidpointRounding.AwayFromZero);
}
