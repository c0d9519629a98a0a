using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// A custom report of an OCPP 2.0.1 station's device model (docs/api.md, "Chargers"; GetReport, B08): the components in the states
/// asked for (<c>criteria</c>: Active, Available, Enabled, Problem) and/or one component's variable, e.g. EVSE 1's AvailabilityState.
/// The question is the operations' (<see cref="ChargerQuestions"/>, shared with the MQTT command <c>get-report</c>).
/// </summary>
public static class ChargerReportApi
{
    public static RouteGroupBuilder MapChargerReport(this RouteGroupBuilder chargers)
    {
        chargers.MapGet("/{id}/report", GetAsync).WithSummary("GetReport of an OCPP 2.0.1 station (?criteria=Problem&component=EVSE&evseId=1&variable=AvailabilityState)");
        return chargers;
    }

    internal static async Task<Results<Ok<ChargerReportView>, ProblemHttpResult>> GetAsync(
        string id, string[]? criteria, string? component, int? evseId, string? variable, ChargerQuestions questions, CancellationToken cancellationToken) =>
        ChargerActionHandlers.Render(await questions.ReportAsync(id, criteria, component, evseId, variable, cancellationToken).ConfigureAwait(false));
}
