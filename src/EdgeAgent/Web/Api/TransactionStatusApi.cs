using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// "Has the station still something to tell?" (docs/api.md, "Chargers"): an OCPP 2.0.1 station's GetTransactionStatus (E14) —
/// whether a transaction is still going and whether transaction messages wait in its queue (of that transaction, or of any).
/// The question is the operations' (<see cref="ChargerQuestions"/>, shared with the MQTT command <c>transaction-status</c>).
/// </summary>
public static class TransactionStatusApi
{
    public static RouteGroupBuilder MapTransactionStatus(this RouteGroupBuilder chargers)
    {
        chargers.MapGet("/{id}/transaction-status", GetAsync).WithSummary("GetTransactionStatus of an OCPP 2.0.1 station (?transactionId=…, optional)");
        return chargers;
    }

    internal static async Task<Results<Ok<TransactionStatusView>, ProblemHttpResult>> GetAsync(
        string id, string? transactionId, ChargerQuestions questions, CancellationToken cancellationToken) =>
        ChargerActionHandlers.Render(await questions.TransactionStatusAsync(id, transactionId, cancellationToken).ConfigureAwait(false));
}
