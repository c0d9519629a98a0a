using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// A thread-safe <see cref="IOcppAuthorizer"/>: the local list wins, then the cache (entries the
/// cloud confirmed earlier), then the policy. Expired entries answer Expired.
/// </summary>
public sealed class InMemoryOcppAuthorizer(OcppUnknownTagPolicy policy) : IOcppAuthorizer
{
    private readonly ConcurrentDictionary<string, IdTagInfo> _localList = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdTagInfo> _cache = new(StringComparer.Ordinal);

    public OcppUnknownTagPolicy Policy { get; set; } = policy;

    /// <summary>The local list's version (SendLocalList / GetLocalListVersion).</summary>
    public int LocalListVersion { get; private set; }

    /// <summary>Replaces (full) or amends (differential) the local list; an entry without IdTagInfo is removed.</summary>
    public void UpdateLocalList(int version, IEnumerable<AuthorizationData> entries, bool full)
    {
        if (full)
        {
            _localList.Clear();
        }

        foreach (var entry in entries)
        {
            if (entry.IdTagInfo is null)
            {
                _localList.TryRemove(entry.IdTag, out _);
            }
            else
            {
                _localList[entry.IdTag] = entry.IdTagInfo;
            }
        }

        LocalListVersion = version;
    }

    /// <summary>Adds an answer to the cache.</summary>
    public void Cache(string idTag, IdTagInfo info) => _cache[idTag] = info;

    public void ClearCache() => _cache.Clear();

    public Task<IdTagInfo> AuthorizeAsync(string chargePointId, string idTag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var info = _localList.TryGetValue(idTag, out var listed) ? listed
            : _cache.TryGetValue(idTag, out var cached) ? cached
            : new IdTagInfo(Policy == OcppUnknownTagPolicy.AcceptAll ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid);
        if (info.Status == AuthorizationStatus.Accepted && info.ExpiryDate is { } expiry && expiry <= now)
        {
            info = info with { Status = AuthorizationStatus.Expired };
        }

        return Task.FromResult(info);
    }
}
