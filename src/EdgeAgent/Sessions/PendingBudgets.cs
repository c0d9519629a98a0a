using System.Collections.Concurrent;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Budgets waiting for the session they were given for (docs/pricing.md, "Budgets"): offered by
/// <c>cmd/start-session</c> (before its RemoteStartTransaction) or by the cloud's <c>authorize-result</c>,
/// per charger and idTag, and taken by the first session that starts there with that idTag within
/// <see cref="Lifetime"/>; or, for a charger without idTags (Modbus, simulated), per connector, taken by
/// the next session that starts on it (<see cref="ConnectorBudgets"/>). Taken once: a budget paid for one
/// session is not one for the next.
/// </summary>
public sealed class PendingBudgets(TimeProvider time)
{
    /// <summary>
    /// How long an offer waits: as long as the cloud's answer stands (an Authorize, the plug-in and the
    /// StartTransaction of one visit), longer than a charger waits for a car after a remote start.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // An offer to an idTag has Connector 0; one to a connector has IdTag null (its payer's idTag, if any, rides in the offer).
    private readonly ConcurrentDictionary<(string Charger, string? IdTag, int Connector), Waiting> _offers = new();

    /// <summary>Offers a budget to the next session of <paramref name="idTag"/> on <paramref name="chargerId"/>, replacing an earlier offer.</summary>
    public void Offer(string chargerId, string idTag, SessionBudget budget) => _offers[(chargerId, idTag, 0)] = new(budget, idTag, time.GetUtcNow() + Lifetime);

    /// <summary>
    /// Offers a budget to the next session that starts on <paramref name="connectorId"/> of <paramref name="chargerId"/>
    /// (a charger that reports no idTags), replacing an earlier offer; <paramref name="idTag"/>, when given, is recorded as that session's.
    /// </summary>
    public void OfferToConnector(string chargerId, int connectorId, SessionBudget budget, string? idTag) =>
        _offers[(chargerId, null, connectorId)] = new(budget, idTag, time.GetUtcNow() + Lifetime);

    /// <summary>Withdraws this offer (a remote start the charger refused); a newer one stays.</summary>
    public void Withdraw(string chargerId, string idTag, SessionBudget budget)
    {
        if (_offers.TryGetValue((chargerId, idTag, 0), out var offer) && offer.Budget == budget)
        {
            _offers.TryRemove(KeyValuePair.Create((chargerId, (string?)idTag, 0), offer));
        }
    }

    /// <summary>Whether an offer is waiting for <paramref name="idTag"/> on <paramref name="chargerId"/>.</summary>
    public bool Holds(string chargerId, string idTag) => Live((chargerId, idTag, 0)) is not null;

    /// <summary>Takes the offer for a session starting now (null when none is waiting): no later session gets it.</summary>
    public SessionBudget? Take(string chargerId, string? idTag) => idTag is null ? null : TakeLive((chargerId, idTag, 0))?.Budget;

    /// <summary>Takes the offer waiting on a connector for the session starting (or running) there now, with its payer's idTag; null when none.</summary>
    public (SessionBudget Budget, string? IdTag)? TakeForConnector(string chargerId, int connectorId) =>
        TakeLive((chargerId, null, connectorId)) is { } offer ? (offer.Budget, offer.IdTag) : null;

    private Waiting? TakeLive((string, string?, int) key) =>
        Live(key) is not null && _offers.TryRemove(key, out var offer) && time.GetUtcNow() < offer.Until ? offer : null;

    private Waiting? Live((string, string?, int) key)
    {
        if (!_offers.TryGetValue(key, out var offer))
        {
            return null;
        }

        if (time.GetUtcNow() < offer.Until)
        {
            return offer;
        }

        _offers.TryRemove(KeyValuePair.Create(key, offer));
        return null;
    }

    private sealed record Waiting(SessionBudget Budget, string? IdTag, DateTimeOffset Until);
}
