using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// BootNotification (OCPP 2.0.1, B01–B03), decided as in every version (<see cref="OcppBootDecision"/>):
/// Accepted with the heartbeat interval, Pending while the installer has not adopted the station.
/// After the answer the edge sets its variables and asks for the base report (<see cref="Ocpp201BootConfigurator"/>).
/// </summary>
public sealed class BootNotificationHandler(Ocpp201Stations stations)
    : OcppActionHandler<BootNotificationRequest, BootNotificationResponse>(Ocpp201Action.BootNotification, Ocpp201JsonContext.Default.BootNotificationRequest, Ocpp201JsonContext.Default.BootNotificationResponse)
{
    protected override async Task<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var station = request.ChargingStation;
        var (state, interval) = await OcppBootDecision.DecideAsync(
            context, new OcppBootInfo(station.VendorName, station.Model, station.SerialNumber, station.FirmwareVersion), (chargePoint, ct) => Ocpp201BootConfigurator.ConfigureAsync(chargePoint, stations.Get(chargePoint.Id), ct), cancellationToken).ConfigureAwait(false);
        return new BootNotificationResponse(context.Now, interval, state switch
        {
            OcppBootState.Accepted => "Accepted",
            OcppBootState.Pending => "Pending",
            _ => "Rejected",
        });
    }
}
