using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// Authorizes idTags as <c>authorization.mode</c> says (docs/configuration.md): <c>local</c> asks the
/// local authorization list in the store, then the cache of earlier answers, then the site's policy
/// for unknown tags; <c>cloud</c> asks the cloud (docs/mqtt.md, <c>authorize</c>) instead of the
/// policy, and without its answer in time follows <c>authorization.offline</c>; <c>free</c> accepts
/// every idTag. A cloud answer's budget waits in <see cref="PendingBudgets"/> for the session the idTag
/// starts on that charger; once a session took it, the answer no longer stands (the next visit is asked again).
/// </summary>
public sealed class StoreOcppAuthorizer : IOcppAuthorizer
{
    /// <summary>
    /// How long the cloud's answer stands for its idTag: long enough for the Authorize, plug-in and
    /// StartTransaction of one visit, short enough that the next visit is asked again (a budget paid
    /// for one session is not a budget for the next).
    /// </summary>
    public static readonly TimeSpan CloudAnswerLifetime = TimeSpan.FromMinutes(5);

    private readonly IEdgeStore _store;
    private readonly SiteConfigurationService _configuration;
    private readonly CloudAuthorizeClient? _cloud;
    private readonly PendingBudgets? _budgets;
    private readonly ConcurrentDictionary<string, IdTagInfo> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (EdgeAuthorization Decision, DateTimeOffset Until)> _cloudAnswers = new(StringComparer.Ordinal);

    public StoreOcppAuthorizer(IEdgeStore store, SiteConfigurationService configuration, CloudAuthorizeClient? cloud = null, PendingBudgets? budgets = null)
    {
        _store = store;
        _configuration = configuration;
        _cloud = cloud;
        _budgets = budgets;
    }

    /// <summary>Remembers an answer (e.g. from the cloud) for tags not in the local list.</summary>
    public void Cache(string idTag, IdTagInfo info) => _cache[idTag] = info;

    public void ClearCache()
    {
        _cache.Clear();
        _cloudAnswers.Clear();
    }

    public async Task<IdTagInfo> AuthorizeAsync(string chargePointId, string idTag, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await DecideAsync(chargePointId, null, idTag, now, cancellationToken).ConfigureAwait(false)).Info;

    /// <summary>
    /// The cloud's decision about <paramref name="idTag"/> while it stands, with its tariff and budget:
    /// for the session that starts with this idTag. Null when the cloud did not decide (or long ago).
    /// </summary>
    public EdgeAuthorization? CloudDecisionFor(string idTag, DateTimeOffset now) =>
        _cloudAnswers.TryGetValue(idTag, out var kept) && now < kept.Until ? kept.Decision : null;

    /// <summary>The decision about <paramref name="idTag"/> at <paramref name="now"/>, with the terms of the session it admits.</summary>
    public async Task<EdgeAuthorization> DecideAsync(string chargePointId, int? connectorId, string idTag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = _configuration.Current?.Site.Authorization ?? new AuthorizationSettings();
        if (settings.Mode == AuthorizationModes.Free)
        {
            return new EdgeAuthorization(new IdTagInfo(AuthorizationStatus.Accepted), "free");
        }

        EdgeAuthorization decision;
        if (await _store.AuthorizationList.FindAsync(idTag, cancellationToken).ConfigureAwait(false) is { } listed)
        {
            var status = Enum.TryParse<AuthorizationStatus>(listed.Status, out var parsed) ? parsed : AuthorizationStatus.Invalid;
            decision = new EdgeAuthorization(new IdTagInfo(status, listed.ExpiryDate, listed.ParentIdTag), "list");
        }
        else if (_cache.TryGetValue(idTag, out var cached))
        {
            decision = new EdgeAuthorization(cached, "cache");
        }
        else if (settings.Mode == AuthorizationModes.Cloud)
        {
            decision = StandingDecision(chargePointId, idTag, now) ?? await AskCloudAsync(chargePointId, connectorId, idTag, settings, now, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var policy = _configuration.Current?.Site.Ocpp?.UnknownTagPolicy ?? UnknownTagPolicies.AcceptAll;
            decision = new EdgeAuthorization(new IdTagInfo(policy == UnknownTagPolicies.AcceptAll ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid), "policy");
        }

        return decision.Info.Status == AuthorizationStatus.Accepted && decision.Info.ExpiryDate is { } expiry && expiry <= now
            ? decision with { Info = decision.Info with { Status = AuthorizationStatus.Expired } }
            : decision;
    }

    // A decision whose budget a session has taken was for that session only.
    private EdgeAuthorization? StandingDecision(string chargePointId, string idTag, DateTimeOffset now) =>
        CloudDecisionFor(idTag, now) is { } kept && (kept.MaxCost is null && kept.MaxEnergyWh is null || _budgets?.Holds(chargePointId, idTag) != false) ? kept : null;

    private async Task<EdgeAuthorization> AskCloudAsync(string chargePointId, int? connectorId, string idTag, AuthorizationSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answer = _cloud is null ? null
            : await _cloud.AskAsync(chargePointId, connectorId, idTag, TimeSpan.FromSeconds(settings.CloudTimeoutS), cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            // Listed idTags were found above: "local-list" has nothing more to accept.
            return new EdgeAuthorization(new IdTagInfo(settings.Offline == OfflineAuthorizations.Accept ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid), "offline");
        }

        var decision = new EdgeAuthorization(new IdTagInfo(answer.Status), "cloud", answer.Tariff, answer.MaxCost, answer.MaxEnergyWh);
        _cloudAnswers[idTag] = (decision, now + CloudAnswerLifetime);
        if (decision.Info.Status == AuthorizationStatus.Accepted && SessionBudget.Of(answer.MaxCost, (decimal?)answer.MaxEnergyWh, answer.DepartureAt, answer.EnergyWh) is { } budget)
        {
            _budgets?.Offer(chargePointId, idTag, budget);
        }

        return decision;
    }
}
