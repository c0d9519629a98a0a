using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The sessions' cost from the site's tariffs (docs/pricing.md): a session pays the tariff of its
/// idTag's authorization-list entry, else the one the cloud's authorize-result gave its idTag, else its
/// charger's, else the default; a recorded session's usage (its readings, its idle spans) is what the
/// cost engine prices.
/// </summary>
/// <param name="list">The authorization list; none in tools and tests without one.</param>
/// <param name="cloudTariff">The tariff the cloud's latest answer for an idTag named, if any.</param>
public sealed class PricedSessions(ISessionCostCalculator calculator, IAuthorizationListStore? list = null, Func<string, string?>? cloudTariff = null) : ISessionCostSource
{
    public async Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken)
    {
        string? entryTariff = null;
        if (idTag is not null)
        {
            var entry = list is null ? null : await list.FindAsync(idTag, cancellationToken).ConfigureAwait(false);
            entryTariff = entry?.Tariff ?? cloudTariff?.Invoke(idTag);
        }

        return calculator.TariffIdFor(chargerId, entryTariff);
    }

    public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        return calculator.CostOf(session.ChargerId, session.TariffId, session.Usage, asOf);
    }
}
