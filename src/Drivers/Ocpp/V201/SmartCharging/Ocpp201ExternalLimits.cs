using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.Drivers.Ocpp.V201.SmartCharging;

/// <summary>
/// The limits set on one station from outside the edge that it reported (NotifyChargingLimit, K12), one per EVSE and
/// source (a newer report of the same source replaces the older), until it reports them cleared (ClearedChargingLimit,
/// K13). Bounded by the EVSEs and the four sources. Thread-safe.
/// </summary>
public sealed class Ocpp201ExternalLimits
{
    private readonly Lock _lock = new();
    private readonly List<ChargerExternalLimit> _limits = [];

    public void Keep(ChargerExternalLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_lock)
        {
            _limits.RemoveAll(l => l.ConnectorId == limit.ConnectorId && l.Source == limit.Source);
            _limits.Add(limit);
        }
    }

    /// <summary>Forgets the limits of <paramref name="source"/> on one EVSE, or (null) on all of them; returns how many there were.</summary>
    public int Clear(int? connectorId, string source)
    {
        lock (_lock)
        {
            return _limits.RemoveAll(l => l.Source == source && (connectorId is null || l.ConnectorId == connectorId));
        }
    }

    /// <summary>The limits on one EVSE and those on the whole station (EVSE 0), which hold for every EVSE.</summary>
    public IReadOnlyList<ChargerExternalLimit> On(int connectorId)
    {
        lock (_lock)
        {
            return [.. _limits.Where(l => l.ConnectorId == connectorId || l.ConnectorId == 0)];
        }
    }
}
