using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The local authorization list: read it, replace it whole (its version goes up by one, and connected chargers get it).</summary>
public static class AuthorizationListApi
{
    private const int MaxIdTagLength = 20; // OCPP 1.6 IdToken is CiString20Type.
    private static readonly string[] Statuses = ["Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx"];

    public static RouteGroupBuilder MapAuthorizationListApi(this RouteGroupBuilder api)
    {
        var list = api.MapGroup("/authorization-list").WithTags("Authorization list").AddEndpointFilter(new RequireLoginFilter());
        list.MapGet("/", Get).WithSummary("The local authorization list and its version");
        list.MapPut("/", Put).WithSummary("Replace the whole list: {\"entries\":[{\"idTag\":\"…\",\"status\":\"Accepted\",\"tariff\":\"residents\"}]}");
        return api;
    }

    internal static async Task<Ok<AuthorizationListDocument>> Get(IEdgeStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AuthorizationListDocument(
            await store.AuthorizationList.GetVersionAsync(cancellationToken).ConfigureAwait(false),
            (await store.AuthorizationList.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(e => e.IdTag, StringComparer.Ordinal).ToList()));

    internal static async Task<Results<Ok<AuthorizationListDocument>, ValidationProblem>> Put(
        AuthorizationListDocument? document, IEdgeStore store, LocalListSync chargers, SiteConfigurationService configuration, CancellationToken cancellationToken)
    {
        var problems = Validate(document, configuration.Current?.Site.Pricing?.Tariffs.Select(t => t.Id).ToList());
        if (problems.Count > 0)
        {
            return WebProblems.Validation(problems, "the list was refused whole; the one in force is unchanged");
        }

        await store.AuthorizationList.ReplaceAsync(document!.Entries!, cancellationToken).ConfigureAwait(false);
        // To the connected chargers in the background: the answer does not wait for slow ones (each outcome is logged).
        _ = chargers.PushToConnectedAsync(CancellationToken.None);
        return await Get(store, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="tariffs">The tariffs of the configuration in force; null when it has no pricing (then no entry may name one).</param>
    internal static List<ConfigurationProblem> Validate(AuthorizationListDocument? document, IReadOnlyList<string>? tariffs = null)
    {
        if (document?.Entries is not { } entries)
        {
            return [new ConfigurationProblem("$.entries", "is required: a list of {idTag, status}")];
        }

        var problems = new List<ConfigurationProblem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // CiString: case-insensitive.
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry is null)
            {
                problems.Add(new($"$.entries[{i}]", "must be an object"));
                continue;
            }

            if (entry.IdTag is not { Length: > 0 and <= MaxIdTagLength })
            {
                problems.Add(new($"$.entries[{i}].idTag", $"must have 1 to {MaxIdTagLength} characters"));
            }
            else if (!seen.Add(entry.IdTag))
            {
                problems.Add(new($"$.entries[{i}].idTag", $"'{entry.IdTag}' is listed twice"));
            }

            if (!Statuses.Contains(entry.Status, StringComparer.Ordinal))
            {
                problems.Add(new($"$.entries[{i}].status", $"must be one of {string.Join(", ", Statuses)}"));
            }

            if (entry.ParentIdTag is { Length: > MaxIdTagLength })
            {
                problems.Add(new($"$.entries[{i}].parentIdTag", $"must have at most {MaxIdTagLength} characters"));
            }

            if (entry.Tariff is { } tariff && tariffs?.Contains(tariff, StringComparer.Ordinal) != true)
            {
                problems.Add(new($"$.entries[{i}].tariff", tariffs is null
                    ? "names a tariff, but the site has no pricing section"
                    : $"'{tariff}' is not a tariff of the site's pricing (it has {string.Join(", ", tariffs)})"));
            }
        }

        return problems;
    }
}
