namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// One station's transaction-to-EVSE links (<see cref="Ocpp201TransactionEvses"/>), at most <see cref="Ocpp201TransactionEvses.PerStation"/>:
/// beyond, the ended ones and the transactions whose EVSE the edge could not tell go first, then those not heard from
/// longest — never, per EVSE, the newest linked transaction that has not ended: the one that may be running there, whose
/// later events name no EVSE (E01, E02: only the first event after the EV and EVSE are associated does). Not thread-safe.
/// </summary>
internal sealed class Ocpp201EvseLinks
{
    // A transaction whose EVSE the edge could not tell: said once, not at each of its events.
    public const int NotFound = 0;

    private readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _links.Count;

    /// <summary>The EVSE linked, <see cref="NotFound"/> for a miss noted, or null; a hit counts as hearing from the transaction.</summary>
    public int? Find(string transactionId)
    {
        if (!_links.TryGetValue(transactionId, out var link))
        {
            return null;
        }

        link.HeardAt = ++_clock;
        return link.EvseId;
    }

    public void Set(string transactionId, int evseId, int capacity)
    {
        var now = ++_clock;
        if (_links.TryGetValue(transactionId, out var link))
        {
            if (link.EvseId != evseId)
            {
                link.EvseId = evseId;
                link.LinkedAt = now; // named on another EVSE: the newest there now
            }

            link.HeardAt = now;
            return;
        }

        _links[transactionId] = new Link { EvseId = evseId, LinkedAt = now, HeardAt = now };
        Prune(capacity);
    }

    /// <summary>Its Ended came: the link is kept for a late event of it only while there is room.</summary>
    public void Ended(string transactionId)
    {
        if (_links.TryGetValue(transactionId, out var link))
        {
            link.Ended = true;
        }
    }

    private void Prune(int capacity)
    {
        if (_links.Count <= capacity)
        {
            return;
        }

        // Per EVSE the newest link of a transaction not ended: a later link there is a later car (one transaction per EVSE at a
        // time), so an older one not ended lost its Ended, or sends it late.
        var running = _links.Where(l => !l.Value.Ended && l.Value.EvseId != NotFound)
            .GroupBy(l => l.Value.EvseId)
            .Select(g => g.MaxBy(l => l.Value.LinkedAt).Key)
            .ToHashSet(StringComparer.Ordinal);
        var gone = _links.Where(l => !running.Contains(l.Key))
            .OrderBy(l => l.Value.Ended || l.Value.EvseId == NotFound ? 0 : 1)
            .ThenBy(l => l.Value.HeardAt)
            .Take(_links.Count - capacity)
            .Select(l => l.Key)
            .ToList();
        foreach (var transactionId in gone)
        {
            _links.Remove(transactionId);
        }
    }

    private sealed class Link
    {
        public int EvseId { get; set; }

        public long LinkedAt { get; set; }

        public long HeardAt { get; set; }

        public bool Ended { get; set; }
    }
}
