using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.V201.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// NotifyChargingLimit (OCPP 2.0.1, K12): a limit set on the station from outside the edge (an energy management system,
/// the grid operator) is kept on its EVSE (none named: the whole station) until ClearedChargingLimit, shown with the
/// charger's schedule ("why is it limited?", docs/api.md) and published as <c>ocpp.external-limit</c> — a warning when
/// the station says the grid depends on it. The station applies it itself; the edge's own limit stays as it is.
/// </summary>
public sealed class NotifyChargingLimitHandler(Ocpp201Stations stations)
    : OcppActionHandler<NotifyChargingLimitRequest, EmptyResponse>(Ocpp201Action.NotifyChargingLimit, Ocpp201JsonContext.Default.NotifyChargingLimitRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override int? ConnectorOf(NotifyChargingLimitRequest request) => request.EvseId;

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, NotifyChargingLimitRequest request, CancellationToken cancellationToken)
    {
        var evse = request.EvseId ?? 0;
        var schedules = request.ChargingSchedule?.Select(Ocpp201ProfileReading.Schedule).ToList() ?? [];
        var critical = request.ChargingLimit.IsGridCritical == true;
        stations.Get(context.ChargePoint.Id).ExternalLimits.Keep(new ChargerExternalLimit(evse, request.ChargingLimit.ChargingLimitSource, critical, schedules, context.Now));
        await context.Services.PublishAsync(critical ? "warning" : "info", context.ChargePoint.Id, "ocpp.external-limit",
            $"{Where(evse)}: a {request.ChargingLimit.ChargingLimitSource} limit ({Ocpp201ProfileReading.FirstLimit(schedules)}){(critical ? ", grid critical" : "")}", cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }

    internal static string Where(int evse) => evse == 0 ? "the station" : $"EVSE {evse}";
}
