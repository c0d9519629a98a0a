namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// Which EVSE each station transaction runs on, from any TransactionEvent that named it — also an offline or late one, which
/// leaves the live state alone: a station names the EVSE only in the first event after it is known (E01, E02), so the later
/// events of a transaction started offline name none. Thread-safe; bounded per station (<see cref="Ocpp201EvseLinks"/>), so one
/// station's flood of transactions never pushes out another's links, nor the link of a transaction running on its own EVSEs.
/// </summary>
internal sealed class Ocpp201TransactionEvses
{
    /// <summary>The most links kept for one station: far above the EVSEs it has, each with one transaction at a time.</summary>
    public const int PerStation = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Ocpp201EvseLinks> _stations = new(StringComparer.Ordinal);

    public void Link(string chargePointId, string transactionId, int evseId)
    {
        lock (_lock)
        {
            Station(chargePointId).Set(transactionId, evseId, PerStation);
        }
    }

    /// <summary>The EVSE an earlier event named, or null.</summary>
    public int? Find(string chargePointId, string transactionId)
    {
        lock (_lock)
        {
            return _stations.GetValueOrDefault(chargePointId)?.Find(transactionId) is { } evseId && evseId != Ocpp201EvseLinks.NotFound ? evseId : null;
        }
    }

    /// <summary>Notes that the transaction's EVSE is not known; true the first time only.</summary>
    public bool FirstMiss(string chargePointId, string transactionId)
    {
        lock (_lock)
        {
            var station = Station(chargePointId);
            if (station.Find(transactionId) is not null)
            {
                return false;
            }

            station.Set(transactionId, Ocpp201EvseLinks.NotFound, PerStation);
            return true;
        }
    }

    /// <summary>The transaction's Ended came (also a late one): its link is the first to go when the station's are too many.</summary>
    public void Ended(string chargePointId, string transactionId)
    {
        lock (_lock)
        {
            _stations.GetValueOrDefault(chargePointId)?.Ended(transactionId);
        }
    }

    /// <summary>How many links are kept for the station.</summary>
    public int Kept(string chargePointId)
    {
        lock (_lock)
        {
            return _stations.GetValueOrDefault(chargePointId)?.Count ?? 0;
        }
    }

    // Under the lock.
    private Ocpp201EvseLinks Station(string chargePointId)
    {
        if (!_stations.TryGetValue(chargePointId, out var station))
        {
            station = new Ocpp201EvseLinks();
            _stations[chargePointId] = station;
        }

        return station;
    }
}
