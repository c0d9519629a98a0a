using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>
/// MeterValues: recorded in the store before the answer (once, even when repeated or replayed),
/// also when it names a transaction the edge does not know; then fed into the connector's live state,
/// unless a value in it cannot be (<see cref="OcppSampleReader.FindProblem"/>): then it is dropped and
/// the event <c>ocpp.meter-values-dropped</c> says why.
/// </summary>
public sealed class MeterValuesHandler()
    : OcppActionHandler<MeterValuesRequest, MeterValuesResponse>(OcppAction.MeterValues, OcppJsonContext.Default.MeterValuesRequest, OcppJsonContext.Default.MeterValuesResponse)
{
    protected override int? ConnectorOf(MeterValuesRequest request) => request.ConnectorId;

    protected override async Task<MeterValuesResponse> HandleAsync(OcppCallContext context, MeterValuesRequest request, CancellationToken cancellationToken)
    {
        await context.Services.Store.RecordMeterValuesAsync(
            new OcppMeterValuesRecord(context.IdempotencyKey, context.ChargePoint.Id, request.ConnectorId, request.TransactionId, request.MeterValue),
            cancellationToken).ConfigureAwait(false);
        if (OcppSampleReader.FindProblem(request.MeterValue) is { } problem)
        {
            // Kept in the store as received, but never fed to the loop: the connector's data ages instead.
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.meter-values-dropped", $"Connector {request.ConnectorId}: MeterValues dropped: {problem}", cancellationToken).ConfigureAwait(false);
            return new MeterValuesResponse();
        }

        var now = context.Now;
        context.ChargePoint.UpdateConnector(request.ConnectorId, live => OcppSampleReader.Apply(live, request.MeterValue, now));
        return new MeterValuesResponse();
    }
}
