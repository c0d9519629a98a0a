namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// The last StatusNotification of each connector of a station's EVSEs (G01 reports per EVSE and connector), and the EVSE's status
/// they make: Occupied if any connector is (a car is plugged in there), Faulted or Unavailable only if every connector is (another
/// may still take a car), else Reserved if any is, else Available. Thread-safe.
/// </summary>
public sealed class Ocpp201ConnectorStatuses
{
    // A station has a few connectors per EVSE; the bound keeps one that names ever new connector ids from growing the map.
    public const int MaxConnectorsPerEvse = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, SortedDictionary<int, string>> _evses = [];

    /// <summary>Keeps <paramref name="status"/> for the connector; returns its status before (null if none) and the EVSE's now.</summary>
    public (string? Before, string Evse) Set(int evseId, int connectorId, string status)
    {
        lock (_lock)
        {
            if (!_evses.TryGetValue(evseId, out var connectors))
            {
                connectors = [];
                _evses[evseId] = connectors;
            }

            var before = connectors.GetValueOrDefault(connectorId);
            if (before is not null || connectors.Count < MaxConnectorsPerEvse)
            {
                connectors[connectorId] = status;
            }

            return (before, Combined(connectors.Count > 0 ? connectors.Values : [status]));
        }
    }

    /// <summary>Whether each of <paramref name="connectorIds"/> of the EVSE has sent its StatusNotification.</summary>
    public bool AllHeard(int evseId, IEnumerable<int> connectorIds)
    {
        lock (_lock)
        {
            return _evses.TryGetValue(evseId, out var connectors) && connectorIds.All(connectors.ContainsKey);
        }
    }

    private static string Combined(IReadOnlyCollection<string> statuses) =>
        statuses.Contains("Occupied") ? "Occupied"
        : statuses.All(s => s == "Faulted") ? "Faulted"
        : statuses.All(s => s is "Faulted" or "Unavailable") ? "Unavailable"
        : statuses.Contains("Reserved") ? "Reserved"
        : "Available";
}
