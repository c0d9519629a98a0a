using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The sessions' cost from the site's tariffs (docs/pricing.md): a recorded session's usage (its
/// readings, its idle spans) is what the cost engine prices.
/// </summary>
public sealed class PricedSessions(ISessionCostCalculator calculator) : ISessionCostSource
{
    /// <summary>The charger's tariff, else the default; an authorization-list entry's tariff comes with the entries (issue 15).</summary>
    public string? TariffFor(string chargerId, int connectorId, string? idTag) => calculator.TariffIdFor(chargerId, null);

    public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        return calculator.CostOf(session.ChargerId, null, session.Usage, asOf);
    }
}
