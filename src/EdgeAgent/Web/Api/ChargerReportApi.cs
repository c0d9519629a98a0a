using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// A custom report of an OCPP 2.0.1 station's device model (docs/api.md, "Chargers"; GetReport, B08): the components in the states
/// asked for (<c>criteria</c>: Active, Available, Enabled, Problem) and/or one component's variable, e.g. EVSE 1's AvailabilityState.
/// </summary>
public static class ChargerReportApi
{
    /// <summary>ComponentCriterionEnumType.</summary>
    public static readonly IReadOnlyList<string> Criteria = ["Active", "Available", "Enabled", "Problem"];

    // ComponentType.name and VariableType.name are identifierString(50).
    private const int MaxNameLength = 50;

    public static RouteGroupBuilder MapChargerReport(this RouteGroupBuilder chargers)
    {
        chargers.MapGet("/{id}/report", GetAsync).WithSummary("GetReport of an OCPP 2.0.1 station (?criteria=Problem&component=EVSE&evseId=1&variable=AvailabilityState)");
        return chargers;
    }

    internal static async Task<Results<Ok<ChargerReportView>, ProblemHttpResult>> GetAsync(
        string id, string[]? criteria, string? component, int? evseId, string? variable, ChargerOperations operations, OcppServer server, CancellationToken cancellationToken)
    {
        var asked = criteria ?? [];
        if (asked.FirstOrDefault(c => !Criteria.Contains(c, StringComparer.Ordinal)) is { } unknown)
        {
            return WebProblems.BadRequest($"'criteria' must be among {string.Join(", ", Criteria)}, not '{unknown}'");
        }

        if ((Problem(component, evseId, variable) ?? (asked.Length == 0 && component is null ? "give 'criteria' and/or 'component'" : null)) is { } wrong)
        {
            return WebProblems.BadRequest(wrong);
        }

        const string action = "report";
        var (control, problem) = ChargersApi.OcppChargePointOf(id, action, operations, server);
        if (problem is not null)
        {
            return problem;
        }

        var query = new ChargerReportQuery([.. asked.Distinct(StringComparer.Ordinal)], component is null ? [] : [new ChargerVariableRef(component, evseId, variable)]);
        try
        {
            return await control!.ReadReportAsync(query, cancellationToken).ConfigureAwait(false) switch
            {
                null => ChargerActionHandlers.Problem(OperationResult.Of(OperationKind.Unsupported, id, action, $"'{id}' speaks OCPP 1.6, which has no GetReport")),
                { Answer: "Accepted" or "EmptyResultSet" } report => TypedResults.Ok(new ChargerReportView(id, report.Answer, report.Items)),
                var report => ChargerActionHandlers.Problem(OperationResult.Of(OperationKind.Rejected, id, action, $"charger '{id}' answered GetReport with {report.Answer}", report.Answer)),
            };
        }
        catch (OcppRpcException ex)
        {
            return ChargerActionHandlers.Problem(OperationResult.Of(OcppChargerPort.KindOf(ex, control!.IsConnected), id, action, $"'{id}': {ex.Message}"));
        }
    }

    private static string? Problem(string? component, int? evseId, string? variable) =>
        component is { Length: 0 or > MaxNameLength } ? $"'component' must have 1 to {MaxNameLength} characters"
        : variable is { Length: 0 or > MaxNameLength } ? $"'variable' must have 1 to {MaxNameLength} characters"
        : component is null && (evseId is not null || variable is not null) ? "'evseId' and 'variable' need a 'component'"
        : evseId is < 0 ? "'evseId' must be 0 or more"
        : null;
}

/// <summary>The station's answer (Accepted, EmptyResultSet) and the variables its reports held.</summary>
public sealed record ChargerReportView(string ChargerId, string Answer, IReadOnlyList<ChargerReportItem> Items);
