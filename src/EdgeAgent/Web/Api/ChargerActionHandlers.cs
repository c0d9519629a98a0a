using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The REST front door of the charger operations (<see cref="ChargerOperations"/>, shared with the MQTT
/// commands): each action reads its body and renders the operation's result as HTTP. The manual limit
/// (any charger) is <see cref="ManualLimitApi"/>.
/// </summary>
public static class ChargerActionHandlers
{
    public static RouteGroupBuilder MapChargerActions(this RouteGroupBuilder chargers)
    {
        chargers.MapPost("/{id}/start", Start).WithSummary("Start a session: {\"idTag\":\"…\",\"connectorId\":1}, with a budget it is stopped at: \"maxCost\", \"maxEnergyWh\"; the car's needs: \"departureAt\", \"energyWh\"; on a Modbus charger only sets that budget, for the session on the connector now or the next");
        chargers.MapPost("/{id}/stop", Stop).WithSummary("Stop the session on {\"connectorId\":1}, or the transaction {\"transactionId\":…} (a number or a string)");
        chargers.MapPost("/{id}/availability", Availability).WithSummary("Availability: {\"connectorId\":0,\"operative\":false}");
        chargers.MapPost("/{id}/reset", Reset).WithSummary("Reset: {\"type\":\"Soft\"} or Hard; with \"connectorId\" one OCPP 2.0.1 EVSE alone");
        chargers.MapPost("/{id}/unlock", Unlock).WithSummary("Unlock a connector: {\"connectorId\":1}");
        chargers.MapPost("/{id}/trigger", Trigger).WithSummary("TriggerMessage: {\"message\":\"StatusNotification\",\"connectorId\":1}; never a BootNotification to a booted OCPP 2.0.1 station");
        chargers.MapPost("/{id}/clear-cache", ClearCache).WithSummary("ClearCache: the charger empties its authorization cache (no body)");
        chargers.MapManualLimit();
        return chargers;
    }

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Start(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.StartSessionAsync(id, body?.IdTag, body?.ConnectorId, body?.MaxCost, body?.MaxEnergyWh, body?.DepartureAt, body?.EnergyWh, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Stop(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.StopSessionAsync(id, body?.ConnectorId, body?.TransactionId, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Availability(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.SetAvailabilityAsync(id, body?.ConnectorId, body?.Operative, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Reset(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.ResetAsync(id, body?.Type, body?.ConnectorId, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Unlock(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.UnlockAsync(id, body?.ConnectorId, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Trigger(
        string id, ChargerActionRequest? body, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.TriggerAsync(id, body?.Message, body?.ConnectorId, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> ClearCache(
        string id, ChargerOperations operations, CancellationToken cancellationToken) =>
        Render(await operations.ClearCacheAsync(id, cancellationToken).ConfigureAwait(false));

    /// <summary>An operation's result as HTTP (docs/api.md, "Charger actions").</summary>
    internal static Results<Ok<ChargerActionResult>, ProblemHttpResult> Render(OperationResult result) => result.Kind == OperationKind.Done
        ? TypedResults.Ok(new ChargerActionResult(result.ChargerId, result.Action, result.Status ?? ""))
        : Problem(result);

    /// <summary>A question's answer as HTTP (<see cref="ChargerQuestions"/>): what the charger said, else the problem that stood in the way.</summary>
    internal static Results<Ok<T>, ProblemHttpResult> Render<T>(ChargerAnswer<T> answer)
        where T : class =>
        answer.Value is { } value ? TypedResults.Ok(value) : Problem(answer.Result);

    /// <summary>A result that is not Done as problem details, naming what stands in the way.</summary>
    internal static ProblemHttpResult Problem(OperationResult result) => result.Kind switch
    {
        OperationKind.Invalid => WebProblems.BadRequest(result.Message),
        OperationKind.NotFound => WebProblems.NotFound(result.Message),
        OperationKind.Unsupported => WebProblems.Conflict("Not supported by this charger", result.Message),
        OperationKind.NothingToDo => WebProblems.Conflict("Nothing to act on", result.Message),
        OperationKind.Rejected => WebProblems.Conflict("The charger refused", result.Message),
        OperationKind.Unreachable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Charger not connected", detail: result.Message),
        OperationKind.Timeout => TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The charger did not answer", detail: result.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The charger did not carry out the call", detail: result.Message),
    };
}
