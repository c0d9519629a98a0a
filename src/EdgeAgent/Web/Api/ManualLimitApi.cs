using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// A manual current limit on a charger or one of its connectors: the control loop treats it as the
/// connector's maximum (never above the configuration's, never past a circuit limit) until it is
/// cleared or expires. Each change is a site event.
/// </summary>
public static class ManualLimitApi
{
    public static RouteGroupBuilder MapManualLimit(this RouteGroupBuilder chargers)
    {
        chargers.MapPost("/{id}/limit", Set).WithSummary("A manual current limit: {\"maxCurrentA\":10,\"connectorId\":1,\"expiresAt\":\"…\"} (connectorId and expiresAt optional; 0 pauses)");
        chargers.MapDelete("/{id}/limit", Clear).WithSummary("Clears the manual limit of the charger, or of ?connectorId=N");
        return chargers;
    }

    internal static async Task<Results<Ok<ManualLimit>, ValidationProblem, ProblemHttpResult>> Set(
        string id, ManualLimitRequest? body, HttpContext http, SiteConfigurationService configuration, ManualLimits limits,
        SiteEventLog events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ChargersApi.Find(configuration, id) is not { } charger)
        {
            return WebProblems.NotFound($"there is no charger '{id}' in the configuration");
        }

        var now = time.GetUtcNow();
        var problems = Validate(body, charger, now).ToList();
        if (problems.Count > 0)
        {
            return WebProblems.Validation(problems, "the manual limit was refused; the limits in force are unchanged");
        }

        var limit = new ManualLimit(id, body!.ConnectorId, body.MaxCurrentA!.Value, now, WebLogin.CurrentSession(http)?.Username ?? "unknown", body.ExpiresAt);
        limits.Set(limit);
        var until = limit.ExpiresAt is { } expires ? $" until {expires:O}" : "";
        await events.RaiseAsync(EventSeverities.Info, id, "charger.manual-limit.set",
            $"{limit.SetBy} limited {ManualLimitText.Target(limit.ConnectorId)} to {limit.MaxCurrentA} A{until}", cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(limit);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Clear(
        string id, int? connectorId, HttpContext http, SiteConfigurationService configuration, ManualLimits limits,
        SiteEventLog events, CancellationToken cancellationToken)
    {
        if (ChargersApi.Find(configuration, id) is null)
        {
            return WebProblems.NotFound($"there is no charger '{id}' in the configuration");
        }

        if (limits.Clear(id, connectorId) is not { } removed)
        {
            return WebProblems.NotFound($"'{id}' has no manual limit on {ManualLimitText.Target(connectorId)}");
        }

        await events.RaiseAsync(EventSeverities.Info, id, "charger.manual-limit.cleared",
            $"{WebLogin.CurrentSession(http)?.Username ?? "unknown"} cleared the manual limit of {removed.MaxCurrentA} A on {ManualLimitText.Target(connectorId)}", cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static IEnumerable<ConfigurationProblem> Validate(ManualLimitRequest? body, ChargerSettings charger, DateTimeOffset now)
    {
        if (body?.MaxCurrentA is not { } maxA)
        {
            yield return new("$.maxCurrentA", "is required: the cap in amperes per phase (0 pauses charging)");
        }
        else if (!double.IsFinite(maxA) || maxA < 0 || maxA > charger.MaxCurrentA || (maxA > 0 && maxA < charger.MinCurrentA))
        {
            yield return new("$.maxCurrentA", $"must be 0 (pause) or between the charger's minCurrentA {charger.MinCurrentA} A and its maxCurrentA {charger.MaxCurrentA} A, not {maxA}");
        }

        if (body?.ConnectorId is { } connector && (connector < 1 || connector > charger.Connectors))
        {
            yield return new("$.connectorId", $"must be between 1 and {charger.Connectors} ('{charger.Id}' has {charger.Connectors} connector(s)), or left out for all of them; not {connector}");
        }

        if (body?.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            yield return new("$.expiresAt", $"must be in the future, not {expiresAt:O}");
        }
    }
}
