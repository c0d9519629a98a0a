using System.Collections.Concurrent;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// The charge points admitted as pending ("accept new chargers"), by id, at most
/// <see cref="MaxPending"/>: a newcomer beyond that evicts the one seen longest ago, so ids that
/// merely connected cannot grow the list without bound. Thread-safe.
/// </summary>
public sealed class OcppPendingList
{
    public const int MaxPending = 64;

    private readonly ConcurrentDictionary<string, OcppPendingCharger> _pending = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();

    public IReadOnlyDictionary<string, OcppPendingCharger> All => _pending;

    /// <summary>Notes <paramref name="charger"/>; true when it was not in the list before.</summary>
    public bool Record(OcppPendingCharger charger)
    {
        lock (_adding)
        {
            var added = !_pending.ContainsKey(charger.ChargePointId);
            if (added && _pending.Count >= MaxPending)
            {
                _pending.TryRemove(_pending.Values.MinBy(p => p.SeenAt)!.ChargePointId, out _);
            }

            _pending[charger.ChargePointId] = charger;
            return added;
        }
    }
}
