using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Charger actions, sent to OCPP chargers (any version) through their protocol-neutral control; a Modbus charger gets a 409 saying what it cannot do. The manual limit (any charger) is <see cref="ManualLimitApi"/>.</summary>
public static class ChargerActionHandlers
{
    private const int MaxIdTagLength = 20; // OCPP 1.6 IdToken is CiString20Type.

    public static RouteGroupBuilder MapChargerActions(this RouteGroupBuilder chargers)
    {
        chargers.MapPost("/{id}/start", Start).WithSummary("RemoteStartTransaction: {\"idTag\":\"…\",\"connectorId\":1}");
        chargers.MapPost("/{id}/stop", Stop).WithSummary("RemoteStopTransaction of the session on {\"connectorId\":1} (or {\"transactionId\":…})");
        chargers.MapPost("/{id}/availability", Availability).WithSummary("ChangeAvailability: {\"connectorId\":0,\"operative\":false}");
        chargers.MapPost("/{id}/reset", Reset).WithSummary("Reset: {\"type\":\"Soft\"} or Hard");
        chargers.MapPost("/{id}/unlock", Unlock).WithSummary("UnlockConnector: {\"connectorId\":1}");
        chargers.MapManualLimit();
        return chargers;
    }

    internal static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Start(
        string id, ChargerActionRequest? body, SiteConfigurationService configuration, OcppServer server, CancellationToken cancellationToken)
    {
        if (body?.IdTag is not { Length: > 0 and <= MaxIdTagLength } idTag)
        {
            return Refuse($"idTag is required, 1 to {MaxIdTagLength} characters");
        }

        if (body.ConnectorId is < 1)
        {
            return Refuse("connectorId must be 1 or more");
        }

        return RunAsync(id, ChargerActions.Start, configuration, server, cp => cp.StartTransactionAsync(idTag, body.ConnectorId, cancellationToken));
    }

    internal static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Stop(
        string id, ChargerActionRequest? body, SiteConfigurationService configuration, OcppServer server, CancellationToken cancellationToken)
    {
        if (body?.TransactionId is null && body?.ConnectorId is not >= 1)
        {
            return Refuse("give connectorId (1 or more) or transactionId");
        }

        return RunAsync(id, ChargerActions.Stop, configuration, server, cp =>
        {
            var transactionId = body.TransactionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? cp.TransactionOn(body.ConnectorId!.Value);
            return transactionId is { } running
                ? cp.StopTransactionAsync(running, cancellationToken)
                : throw new ActionRefusedException($"no session is running on connector {body.ConnectorId} of '{id}'");
        });
    }

    internal static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Availability(
        string id, ChargerActionRequest? body, SiteConfigurationService configuration, OcppServer server, CancellationToken cancellationToken)
    {
        if (body?.Operative is not { } operative || body.ConnectorId is < 0)
        {
            return Refuse("give operative (true or false) and connectorId (0 = the whole charger, the default)");
        }

        return RunAsync(id, ChargerActions.Availability, configuration, server,
            cp => cp.ChangeAvailabilityAsync(body.ConnectorId ?? 0, operative, cancellationToken));
    }

    internal static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Reset(
        string id, ChargerActionRequest? body, SiteConfigurationService configuration, OcppServer server, CancellationToken cancellationToken)
    {
        var type = body?.Type ?? "Soft";
        if (type is not ("Soft" or "Hard"))
        {
            return Refuse($"type must be Soft or Hard, not '{type}'");
        }

        return RunAsync(id, ChargerActions.Reset, configuration, server, cp => cp.ResetAsync(type == "Hard" ? ChargerResetKind.Hard : ChargerResetKind.Soft, cancellationToken));
    }

    internal static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Unlock(
        string id, ChargerActionRequest? body, SiteConfigurationService configuration, OcppServer server, CancellationToken cancellationToken)
    {
        if (body?.ConnectorId is not >= 1)
        {
            return Refuse("connectorId is required, 1 or more");
        }

        return RunAsync(id, ChargerActions.Unlock, configuration, server, cp => cp.UnlockConnectorAsync(body.ConnectorId.Value, cancellationToken));
    }

    private static async Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> RunAsync(
        string id, string action, SiteConfigurationService configuration, OcppServer server, Func<IChargePointControl, Task<ChargerCommandResult>> call)
    {
        var (chargePoint, problem) = ChargersApi.OcppChargePointOf(id, action, configuration, server);
        if (problem is not null)
        {
            return problem;
        }

        ChargerCommandResult response;
        try
        {
            response = await call(chargePoint!).ConfigureAwait(false);
        }
        catch (ActionRefusedException ex)
        {
            return WebProblems.Conflict("Nothing to act on", ex.Message);
        }
        catch (OcppRpcException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The charger did not carry out the call", detail: $"'{id}': {ex.Message}");
        }

        return response.Succeeded
            ? TypedResults.Ok(new ChargerActionResult(id, action, response.Answer))
            : WebProblems.Conflict("The charger refused", $"'{id}' answered {response.Answer} to {action}");
    }

    private static Task<Results<Ok<ChargerActionResult>, ProblemHttpResult>> Refuse(string detail) =>
        Task.FromResult<Results<Ok<ChargerActionResult>, ProblemHttpResult>>(WebProblems.BadRequest(detail));
}
