using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// StatusNotification (OCPP 2.0.1, G01): the edge keeps one connector per EVSE (its connector N is
/// EVSE N; docs/ocpp.md), whose status is what all the EVSE's connectors say (<see cref="Ocpp201ConnectorStatuses"/>), not the
/// last one to speak. Occupied says a car is plugged in; whether it charges comes with the
/// transaction's chargingState (<see cref="TransactionEventCallHandler"/>), which an Occupied keeps.
/// </summary>
public sealed class StatusNotificationHandler(Ocpp201Stations stations)
    : OcppActionHandler<StatusNotificationRequest, EmptyResponse>(Ocpp201Action.StatusNotification, Ocpp201JsonContext.Default.StatusNotificationRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override int? ConnectorOf(StatusNotificationRequest request) => request.EvseId;

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, StatusNotificationRequest request, CancellationToken cancellationToken)
    {
        var station = stations.Get(context.ChargePoint.Id);
        var (before, evse) = station.ConnectorStatuses.Set(request.EvseId, request.ConnectorId, request.ConnectorStatus);
        // Some of the EVSE's connectors heard (after an edge restart each is asked in turn) rule out no car on another: short of an
        // Occupied, its state stays as it was — unknown, counted as a car (issue 13 property 6) — until each one the base report named spoke.
        var partial = evse != "Occupied" && station.Model?.Evses.FirstOrDefault(e => e.Id == request.EvseId) is { } named
            && !station.ConnectorStatuses.AllHeard(request.EvseId, named.Connectors);
        context.ChargePoint.UpdateConnector(request.EvseId, live => live with { State = partial ? live.State : StateOf(evse, live.State), Status = evse });
        if (request.ConnectorStatus == "Faulted" && before != "Faulted")
        {
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.connector-faulted", $"EVSE {request.EvseId} connector {request.ConnectorId} faulted", cancellationToken).ConfigureAwait(false);
        }

        return new EmptyResponse();
    }

    private static ConnectorState StateOf(string status, ConnectorState? before) => status switch
    {
        "Available" or "Reserved" => ConnectorState.Available,
        "Occupied" when before is ConnectorState.Charging or ConnectorState.SuspendedByCar or ConnectorState.SuspendedByController => before.Value,
        "Occupied" => ConnectorState.CarConnected,
        "Faulted" => ConnectorState.Faulted,
        _ => ConnectorState.Unavailable,
    };
}
