using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>
/// StopTransaction: always accepted and recorded (also for a transaction the edge never saw start,
/// even id -1), before the answer; a finished session is recorded once, however often it is replayed.
/// A charge point may only end its own transactions: a stop naming another's is answered (the
/// charge point must not retry it forever) and recorded as an anomaly event, and changes nothing.
/// </summary>
public sealed class StopTransactionHandler()
    : OcppActionHandler<StopTransactionRequest, StopTransactionResponse>(OcppAction.StopTransaction, OcppJsonContext.Default.StopTransactionRequest, OcppJsonContext.Default.StopTransactionResponse)
{
    /// <summary>The event of a stop naming another charge point's transaction.</summary>
    public const string ForeignStopEvent = "ocpp.foreign-transaction-stop";

    protected override async Task<StopTransactionResponse> HandleAsync(OcppCallContext context, StopTransactionRequest request, CancellationToken cancellationToken)
    {
        var services = context.Services;
        var chargePoint = context.ChargePoint;
        if (await services.Store.FindTransactionOwnerAsync(request.TransactionId, cancellationToken).ConfigureAwait(false) is { } owner && owner != chargePoint.Id)
        {
            await services.PublishAsync("warning", chargePoint.Id, ForeignStopEvent, $"StopTransaction for transaction {request.TransactionId}, which {owner} started: answered, nothing changed", cancellationToken).ConfigureAwait(false);
            return new StopTransactionResponse(null);
        }

        var result = await services.Store.StopTransactionAsync(
            new OcppTransactionStop(context.IdempotencyKey, chargePoint.Id, request.TransactionId, request.IdTag, request.MeterStop, request.Timestamp, request.Reason ?? "Local", request.TransactionData ?? []),
            cancellationToken).ConfigureAwait(false);
        if (chargePoint.ConnectorOfTransaction(request.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } connectorId)
        {
            var now = context.Now;
            var data = request.TransactionData ?? [];
            var usable = OcppSampleReader.FindProblem(data) is null;
            chargePoint.UpdateConnector(connectorId, live => (usable ? OcppSampleReader.Apply(live, data, now) : live) with { TransactionId = null, EnergyWh = request.MeterStop });

            // The charge point deletes the transaction's TxProfile (section 3.13.2): the edge's limit lapses where it went as one.
            chargePoint.Limits.TransactionEnded(connectorId, request.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (result.RecordedNow)
        {
            var session = result.Session;
            await services.PublishAsync("info", chargePoint.Id, "ocpp.session-finished", $"Transaction {session.TransactionId} finished: {session.EnergyWh?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} Wh, {session.StopReason}", cancellationToken).ConfigureAwait(false);
        }

        IdTagInfo? idTagInfo = null;
        if (request.IdTag is { } idTag)
        {
            idTagInfo = await services.Authorizer.AuthorizeAsync(chargePoint.Id, idTag, context.Now, cancellationToken).ConfigureAwait(false);
        }

        return new StopTransactionResponse(idTagInfo);
    }
}
