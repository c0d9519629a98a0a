using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// Authorizes idTags without the cloud: first the local authorization list in the store, then the
/// cache of earlier answers, then the site's policy for unknown tags.
/// </summary>
public sealed class StoreOcppAuthorizer : IOcppAuthorizer
{
    private readonly IEdgeStore _store;
    private readonly SiteConfigurationService _configuration;
    private readonly ConcurrentDictionary<string, IdTagInfo> _cache = new(StringComparer.Ordinal);

    public StoreOcppAuthorizer(IEdgeStore store, SiteConfigurationService configuration)
    {
        _store = store;
        _configuration = configuration;
    }

    /// <summary>Remembers an answer (e.g. from the cloud) for tags not in the local list.</summary>
    public void Cache(string idTag, IdTagInfo info) => _cache[idTag] = info;

    public void ClearCache() => _cache.Clear();

    public async Task<IdTagInfo> AuthorizeAsync(string chargePointId, string idTag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IdTagInfo info;
        if (await _store.AuthorizationList.FindAsync(idTag, cancellationToken).ConfigureAwait(false) is { } listed)
        {
            info = new IdTagInfo(Enum.TryParse<AuthorizationStatus>(listed.Status, out var status) ? status : AuthorizationStatus.Invalid, listed.ExpiryDate, listed.ParentIdTag);
        }
        else if (_cache.TryGetValue(idTag, out var cached))
        {
            info = cached;
        }
        else
        {
            var policy = _configuration.Current?.Site.Ocpp?.UnknownTagPolicy ?? UnknownTagPolicies.AcceptAll;
            info = new IdTagInfo(policy == UnknownTagPolicies.AcceptAll ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid);
        }

        return info.Status == AuthorizationStatus.Accepted && info.ExpiryDate is { } expiry && expiry <= now
            ? info with { Status = AuthorizationStatus.Expired }
            : info;
    }
}
