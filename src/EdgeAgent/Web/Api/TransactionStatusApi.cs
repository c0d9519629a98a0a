using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// "Has the station still something to tell?" (docs/api.md, "Chargers"): an OCPP 2.0.1 station's GetTransactionStatus (E14) —
/// whether a transaction is still going and whether transaction messages wait in its queue (of that transaction, or of any).
/// </summary>
public static class TransactionStatusApi
{
    public static RouteGroupBuilder MapTransactionStatus(this RouteGroupBuilder chargers)
    {
        chargers.MapGet("/{id}/transaction-status", GetAsync).WithSummary("GetTransactionStatus of an OCPP 2.0.1 station (?transactionId=…, optional)");
        return chargers;
    }

    internal static async Task<Results<Ok<TransactionStatusView>, ProblemHttpResult>> GetAsync(
        string id, string? transactionId, ChargerOperations operations, OcppServer server, CancellationToken cancellationToken)
    {
        if (transactionId is { Length: 0 or > OcppChargerPort.MaxOcpp201TransactionIdLength })
        {
            return WebProblems.BadRequest($"'transactionId' must have 1 to {OcppChargerPort.MaxOcpp201TransactionIdLength} characters (or be left out: any transaction)");
        }

        const string action = "transaction-status";
        var (control, problem) = ChargersApi.OcppChargePointOf(id, action, operations, server);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return await control!.ReadTransactionStatusAsync(transactionId, cancellationToken).ConfigureAwait(false) is { } status
                ? TypedResults.Ok(new TransactionStatusView(id, transactionId, status.Ongoing, status.MessagesInQueue))
                : ChargerActionHandlers.Problem(OperationResult.Of(OperationKind.Unsupported, id, action, $"'{id}' speaks OCPP 1.6, which has no GetTransactionStatus"));
        }
        catch (OcppRpcException ex)
        {
            return ChargerActionHandlers.Problem(OperationResult.Of(OcppChargerPort.KindOf(ex, control!.IsConnected), id, action, $"'{id}': {ex.Message}"));
        }
    }
}

/// <summary>The station's answer: <paramref name="Ongoing"/> only when a transaction was named (null otherwise).</summary>
public sealed record TransactionStatusView(string ChargerId, string? TransactionId, bool? Ongoing, bool MessagesInQueue);
