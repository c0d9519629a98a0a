using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// MeterValues (OCPP 2.0.1, J01): recorded once before the answer and fed into the EVSE's live
/// state, as 1.6's are (the same reader and its bounds; a value no meter can give drops the message).
/// </summary>
public sealed class MeterValuesHandler()
    : OcppActionHandler<MeterValuesRequest, EmptyResponse>(Ocpp201Action.MeterValues, Ocpp201JsonContext.Default.MeterValuesRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override int? ConnectorOf(MeterValuesRequest request) => request.EvseId;

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, MeterValuesRequest request, CancellationToken cancellationToken)
    {
        var values = Ocpp201Samples.ToStoreForm(request.MeterValue);
        await context.Services.Store.RecordMeterValuesAsync(
            new OcppMeterValuesRecord(context.IdempotencyKey, context.ChargePoint.Id, request.EvseId, null, values), cancellationToken).ConfigureAwait(false);
        await Ocpp201LiveSamples.ApplyAsync(context, request.EvseId, values, cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }
}
