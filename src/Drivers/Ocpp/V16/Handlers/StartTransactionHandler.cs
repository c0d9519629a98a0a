using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>
/// StartTransaction: always answered with a transaction id (a refused idTag is told so in
/// IdTagInfo, and the charge point ends the transaction itself), recorded before the answer.
/// </summary>
public sealed class StartTransactionHandler()
    : OcppActionHandler<StartTransactionRequest, StartTransactionResponse>(OcppAction.StartTransaction, OcppJsonContext.Default.StartTransactionRequest, OcppJsonContext.Default.StartTransactionResponse)
{
    protected override int? ConnectorOf(StartTransactionRequest request) => request.ConnectorId;

    protected override async Task<StartTransactionResponse> HandleAsync(OcppCallContext context, StartTransactionRequest request, CancellationToken cancellationToken)
    {
        var services = context.Services;
        var idTagInfo = await services.Authorizer.AuthorizeAsync(context.ChargePoint.Id, request.IdTag, context.Now, cancellationToken).ConfigureAwait(false);
        var transactionId = await services.Store.StartTransactionAsync(
            new OcppTransactionStart(context.IdempotencyKey, context.ChargePoint.Id, request.ConnectorId, request.IdTag, request.MeterStart, request.Timestamp, request.ReservationId),
            cancellationToken).ConfigureAwait(false);
        context.ChargePoint.UpdateConnector(request.ConnectorId, live => live with { TransactionId = transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), EnergyWh = request.MeterStart });
        return new StartTransactionResponse(idTagInfo, transactionId);
    }
}
