using System.Collections.Immutable;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The manual limits in force, set through the REST API and read by the control loop each cycle.
/// One immutable list swapped whole: the API and the loop never see half a change. Kept in memory:
/// a restart lifts them (a cap only ever lowers a limit, so losing one is never unsafe).
/// </summary>
public sealed class ManualLimits
{
    private ImmutableList<ManualLimit> _limits = [];

    /// <summary>Every manual limit, expired ones included until the loop removes them.</summary>
    public IReadOnlyList<ManualLimit> All => Volatile.Read(ref _limits);

    /// <summary>Sets <paramref name="limit"/>, replacing one for the same charger and connector.</summary>
    public void Set(ManualLimit limit) =>
        ImmutableInterlocked.Update(ref _limits, list => list.RemoveAll(l => Same(l, limit.ChargerId, limit.ConnectorId)).Add(limit));

    /// <summary>Clears the limit of the charger (connector null) or one connector; returns the one removed.</summary>
    public ManualLimit? Clear(string chargerId, int? connectorId)
    {
        ManualLimit? removed = null;
        ImmutableInterlocked.Update(ref _limits, list =>
        {
            removed = list.FirstOrDefault(l => Same(l, chargerId, connectorId));
            return removed is null ? list : list.Remove(removed);
        });
        return removed;
    }

    /// <summary>Removes the limits that lapsed at <paramref name="now"/> and returns them.</summary>
    public IReadOnlyList<ManualLimit> RemoveExpired(DateTimeOffset now)
    {
        IReadOnlyList<ManualLimit> expired = [];
        ImmutableInterlocked.Update(ref _limits, list =>
        {
            expired = [.. list.Where(l => l.IsExpired(now))];
            return expired.Count == 0 ? list : list.RemoveAll(l => l.IsExpired(now));
        });
        return expired;
    }

    /// <summary>The lowest cap in force on a connector at <paramref name="now"/>, or null.</summary>
    public static ManualLimit? For(IReadOnlyList<ManualLimit> all, string chargerId, int connectorId, DateTimeOffset now)
    {
        ManualLimit? lowest = null;
        foreach (var limit in all)
        {
            if (limit.AppliesTo(chargerId, connectorId) && !limit.IsExpired(now) && (lowest is null || limit.MaxCurrentA < lowest.MaxCurrentA))
            {
                lowest = limit;
            }
        }

        return lowest;
    }

    private static bool Same(ManualLimit limit, string chargerId, int? connectorId) =>
        limit.ChargerId == chargerId && limit.ConnectorId == connectorId;
}
