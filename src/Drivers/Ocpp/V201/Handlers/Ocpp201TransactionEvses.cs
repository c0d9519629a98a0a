namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// Which EVSE each station transaction runs on, from any TransactionEvent that named it — also an offline or late one, which
/// leaves the live state alone: a station names the EVSE only in the first event after it is known (E01, E02), so the later
/// events of a transaction started offline name none. Thread-safe; the oldest links go first beyond <see cref="Capacity"/>.
/// </summary>
internal sealed class Ocpp201TransactionEvses
{
    public const int Capacity = 10_000;

    // A transaction whose EVSE the edge could not tell: said once, not at each of its events.
    private const int NotFound = 0;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _evses = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Link(string chargePointId, string transactionId, int evseId)
    {
        lock (_lock)
        {
            Set(Name(chargePointId, transactionId), evseId);
        }
    }

    /// <summary>The EVSE an earlier event named, or null.</summary>
    public int? Find(string chargePointId, string transactionId)
    {
        lock (_lock)
        {
            return _evses.TryGetValue(Name(chargePointId, transactionId), out var evseId) && evseId != NotFound ? evseId : null;
        }
    }

    /// <summary>Notes that the transaction's EVSE is not known; true the first time only.</summary>
    public bool FirstMiss(string chargePointId, string transactionId)
    {
        lock (_lock)
        {
            var name = Name(chargePointId, transactionId);
            if (_evses.ContainsKey(name))
            {
                return false;
            }

            Set(name, NotFound);
            return true;
        }
    }

    // Under the lock.
    private void Set(string name, int evseId)
    {
        if (!_evses.ContainsKey(name))
        {
            _order.Enqueue(name);
        }

        _evses[name] = evseId;
        while (_evses.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _evses.Remove(oldest);
        }
    }

    private static string Name(string chargePointId, string transactionId) => chargePointId + "\n" + transactionId;
}
