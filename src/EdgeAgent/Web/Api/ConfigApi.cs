using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The site configuration: read (secrets removed), replace whole, and its revisions.</summary>
public static class ConfigApi
{
    /// <summary>A site.json is a few kilobytes; this leaves room for hundreds of chargers.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    public const string RevisionHeader = "X-Config-Revision";

    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration").AddEndpointFilter(new RequireLoginFilter());
        config.MapGet("/", Get).WithSummary("The site configuration in force (site.json), secrets removed");
        config.MapPut("/", Put).WithSummary("Replace the whole site configuration; refused whole with every problem by JSON path")
            .Accepts<JsonElement>("application/json");
        config.MapGet("/revisions", ListRevisions).WithSummary("The configuration's revisions, newest first");
        config.MapGet("/revisions/{number:int}", GetRevision).WithSummary("One revision's site.json, secrets removed");
        return api;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Get(HttpResponse response, SiteConfigurationService configuration)
    {
        if (configuration.Current is not { } current)
        {
            return WebProblems.Unavailable("no site configuration is in force yet; PUT one");
        }

        response.Headers[RevisionHeader] = current.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(current.Site)), "application/json");
    }

    internal static async Task<Results<Ok<ConfigAccepted>, ValidationProblem, ProblemHttpResult>> Put(
        HttpContext http, SiteConfigurationService configuration, CancellationToken cancellationToken)
    {
        var (json, tooLarge) = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (tooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Document too large", detail: $"a site configuration may have at most {MaxDocumentBytes} bytes");
        }

        var session = WebLogin.CurrentSession(http);
        var source = WebLogin.CameByCookie(http) ? RevisionSources.Page : RevisionSources.Api;
        var result = await configuration.ApplyAsync(json, source, session?.Username, cancellationToken).ConfigureAwait(false);
        if (!result.Accepted)
        {
            return WebProblems.Validation(
                result.Problems.Where(p => p.Severity == ProblemSeverity.Error),
                "the site configuration was refused whole; the one in force is unchanged");
        }

        var warnings = result.Problems.Where(p => p.Severity == ProblemSeverity.Warning)
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        http.Response.Headers[RevisionHeader] = result.Applied!.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(new ConfigAccepted(result.Applied.Revision, result.Unchanged, warnings));
    }

    internal static async Task<Results<Ok<List<RevisionSummary>>, ProblemHttpResult>> ListRevisions(
        int? limit, int? offset, IEdgeStore store, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.From(limit, offset);
        if (problem is not null)
        {
            return problem;
        }

        var revisions = await store.Revisions.ListAsync(paging.Limit, paging.Offset, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(revisions.Select(r => new RevisionSummary(r.Number, r.CreatedAt, r.Source, r.Author)).ToList());
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetRevision(
        int number, IEdgeStore store, CancellationToken cancellationToken)
    {
        var revision = await store.Revisions.GetAsync(number, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return WebProblems.NotFound($"there is no configuration revision {number}");
        }

        // Read as the daemon reads site.json, so a field an older revision leaves out takes its default, not 0.
        SiteConfiguration? site;
        try
        {
            site = SiteConfigurationReader.ReadPart<SiteConfiguration>(revision.Json);
        }
        catch (JsonException)
        {
            site = null;
        }

        return site is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, detail: $"revision {number} cannot be read")
            : TypedResults.Text(SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(site)), "application/json");
    }

    private static async Task<(string Json, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxDocumentBytes)
        {
            return ("", true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                return ("", true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }
}
