using System.Collections.Immutable;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The manual limits in force, set through the page or REST API and read by the control loop each
/// cycle. One immutable list swapped whole: the API and the loop never see half a change. Kept in the
/// store with their expiry, so a restart does not lift them: an operator's 0 A that takes a broken
/// socket out of service stays until it is cleared or lapses.
/// </summary>
public sealed class ManualLimits
{
    private readonly IManualLimitStore? _store;
    private readonly Lock _write = new();
    private ImmutableList<ManualLimit> _limits = [];

    /// <summary>Limits kept in memory only (tests, benchmarks).</summary>
    public ManualLimits()
    {
    }

    /// <summary>Limits kept in <paramref name="store"/>; those saved before a restart are in force again at once.</summary>
    public ManualLimits(IManualLimitStore store)
    {
        _store = store;
        _limits = [.. store.LoadAll()];
    }

    /// <summary>Every manual limit, expired ones included until the loop removes them.</summary>
    public IReadOnlyList<ManualLimit> All => Volatile.Read(ref _limits);

    /// <summary>Sets <paramref name="limit"/>, replacing one for the same charger and connector.</summary>
    public void Set(ManualLimit limit) =>
        Change(list => list.RemoveAll(l => Same(l, limit.ChargerId, limit.ConnectorId)).Add(limit));

    /// <summary>Clears the limit of the charger (connector null) or one connector; returns the one removed.</summary>
    public ManualLimit? Clear(string chargerId, int? connectorId)
    {
        ManualLimit? removed = null;
        Change(list =>
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
        Change(list =>
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

    // Saved before it is in force: a limit the operator was told is set survives a crash right after.
    // One writer at a time, so the file holds what memory holds; the loop's readers never wait.
    private void Change(Func<ImmutableList<ManualLimit>, ImmutableList<ManualLimit>> change)
    {
        lock (_write)
        {
            var before = _limits;
            var after = change(before);
            if (ReferenceEquals(before, after))
            {
                return;
            }

            _store?.SaveAll(after);
            Volatile.Write(ref _limits, after);
        }
    }

    private static bool Same(ManualLimit limit, string chargerId, int? connectorId) =>
        limit.ChargerId == chargerId && limit.ConnectorId == connectorId;
}
