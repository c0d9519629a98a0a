using System.Collections.Concurrent;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Budgets waiting for the session they were given for (docs/pricing.md, "Budgets"): offered by
/// <c>cmd/start-session</c> (before its RemoteStartTransaction) or by the cloud's <c>authorize-result</c>,
/// per charger and idTag, and taken by the first session that starts there with that idTag within
/// <see cref="Lifetime"/>. Taken once: a budget paid for one session is not one for the next.
/// </summary>
public sealed class PendingBudgets(TimeProvider time)
{
    /// <summary>
    /// How long an offer waits: as long as the cloud's answer stands (an Authorize, the plug-in and the
    /// StartTransaction of one visit), longer than a charger waits for a car after a remote start.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Charger, string IdTag), (SessionBudget Budget, DateTimeOffset Until)> _offers = new();

    /// <summary>Offers a budget to the next session of <paramref name="idTag"/> on <paramref name="chargerId"/>, replacing an earlier offer.</summary>
    public void Offer(string chargerId, string idTag, SessionBudget budget) => _offers[(chargerId, idTag)] = (budget, time.GetUtcNow() + Lifetime);

    /// <summary>Withdraws this offer (a remote start the charger refused); a newer one stays.</summary>
    public void Withdraw(string chargerId, string idTag, SessionBudget budget)
    {
        if (_offers.TryGetValue((chargerId, idTag), out var offer) && offer.Budget == budget)
        {
            _offers.TryRemove(KeyValuePair.Create((chargerId, idTag), offer));
        }
    }

    /// <summary>Whether an offer is waiting for <paramref name="idTag"/> on <paramref name="chargerId"/>.</summary>
    public bool Holds(string chargerId, string idTag) => Live(chargerId, idTag) is not null;

    /// <summary>Takes the offer for a session starting now (null when none is waiting): no later session gets it.</summary>
    public SessionBudget? Take(string chargerId, string? idTag)
    {
        if (idTag is null || Live(chargerId, idTag) is null)
        {
            return null;
        }

        return _offers.TryRemove((chargerId, idTag), out var offer) && time.GetUtcNow() < offer.Until ? offer.Budget : null;
    }

    private SessionBudget? Live(string chargerId, string idTag)
    {
        if (!_offers.TryGetValue((chargerId, idTag), out var offer))
        {
            return null;
        }

        if (time.GetUtcNow() < offer.Until)
        {
            return offer.Budget;
        }

        _offers.TryRemove(KeyValuePair.Create((chargerId, idTag), offer));
        return null;
    }
}
