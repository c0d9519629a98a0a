namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// Cheap hours from one cycle to the next (docs/load-balancing.md, "Cheap hours"): remembers which cars
/// waited at the last plan, so a waiting car goes on waiting while the cheaper slots still give what it
/// needs and a charging car starts waiting only with <see cref="CheapHours.StartMargin"/> to spare.
/// Without it a car near the edge flipped between waiting and charging as the room moved (the load
/// nobody controls measured anew each cycle, other cars arriving and raising the target). Not thread-safe:
/// one per control loop.
/// </summary>
public sealed class CheapHoursHold
{
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);

    /// <summary><see cref="CheapHours.Apply"/> with what the last plan decided; remembers what this one decides.</summary>
    public SiteSnapshot Apply(SiteSnapshot snapshot, Func<DateTimeOffset, double?> priceAt, TimeSpan slot, double roomW = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var planned = CheapHours.Apply(snapshot, priceAt, slot, roomW, _waiting.Contains);
        Remember(planned);
        return planned;
    }

    /// <summary>Forgets every car: the next plan starts afresh (no prices in force, for one).</summary>
    public void Clear() => _waiting.Clear();

    private void Remember(SiteSnapshot planned)
    {
        // A connector gone from the snapshot or not waiting now is forgotten; a new car on it starts afresh.
        _waiting.Clear();
        foreach (var connector in planned.Connectors)
        {
            if (connector.WaitsForCheaperEnergy)
            {
                _waiting.Add(connector.Id);
            }
        }
    }
}
