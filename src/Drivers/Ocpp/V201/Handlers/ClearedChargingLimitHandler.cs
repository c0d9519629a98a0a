using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>ClearedChargingLimit (OCPP 2.0.1, K13): the outside limit of that source is no longer kept (on one EVSE, or none named: on all); event <c>ocpp.external-limit-cleared</c>.</summary>
public sealed class ClearedChargingLimitHandler(Ocpp201Stations stations)
    : OcppActionHandler<ClearedChargingLimitRequest, EmptyResponse>(Ocpp201Action.ClearedChargingLimit, Ocpp201JsonContext.Default.ClearedChargingLimitRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override int? ConnectorOf(ClearedChargingLimitRequest request) => request.EvseId;

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, ClearedChargingLimitRequest request, CancellationToken cancellationToken)
    {
        stations.Get(context.ChargePoint.Id).ExternalLimits.Clear(request.EvseId, request.ChargingLimitSource);
        await context.Services.PublishAsync("info", context.ChargePoint.Id, "ocpp.external-limit-cleared",
            $"{(request.EvseId is { } evse ? NotifyChargingLimitHandler.Where(evse) : "every EVSE")}: the {request.ChargingLimitSource} limit is cleared", cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }
}
