using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.V201.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// ReportChargingProfiles (OCPP 2.0.1, K09): one part of the answer to the edge's GetChargingProfiles, handed to the
/// request waiting for it (<see cref="Ocpp201ChargePointControl.ReadProfilesAsync"/>). A part nobody waits for (too
/// late, or never asked) is answered all the same and dropped.
/// </summary>
public sealed class ReportChargingProfilesHandler(Ocpp201Stations stations)
    : OcppActionHandler<ReportChargingProfilesRequest, EmptyResponse>(Ocpp201Action.ReportChargingProfiles, Ocpp201JsonContext.Default.ReportChargingProfilesRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override int? ConnectorOf(ReportChargingProfilesRequest request) => request.EvseId;

    protected override Task<EmptyResponse> HandleAsync(OcppCallContext context, ReportChargingProfilesRequest request, CancellationToken cancellationToken)
    {
        stations.Get(context.ChargePoint.Id).ProfileReports.Add(request.RequestId,
            request.ChargingProfile.Select(p => Ocpp201ProfileReading.Profile(request.EvseId, request.ChargingLimitSource, p)), request.Tbc);
        return Task.FromResult(new EmptyResponse());
    }
}
