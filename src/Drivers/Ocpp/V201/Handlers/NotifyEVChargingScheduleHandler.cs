using System.Globalization;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// NotifyEVChargingSchedule (OCPP 2.0.1, K15–K17): the schedule an ISO 15118 car chose after the station offered it the edge's
/// TxProfile. The station has checked it against the profile (K17.FR.07); the edge checks it again against the limit it keeps on
/// the EVSE (K16.FR.06, K17.FR.11; the lower of the limit it confirmed and the one it sent last): Accepted when no period in A is above it (or there is nothing in A to compare: a schedule in
/// W, no limit kept), else Rejected with the event <c>ocpp.ev-schedule-beyond-limit</c>. The edge's limit stays what it is.
/// </summary>
public sealed class NotifyEVChargingScheduleHandler()
    : OcppActionHandler<NotifyEVChargingScheduleRequest, StatusResponse>(Ocpp201Action.NotifyEVChargingSchedule, Ocpp201JsonContext.Default.NotifyEVChargingScheduleRequest, Ocpp201JsonContext.Default.StatusResponse)
{
    protected override int? ConnectorOf(NotifyEVChargingScheduleRequest request) => request.EvseId;

    protected override async Task<StatusResponse> HandleAsync(OcppCallContext context, NotifyEVChargingScheduleRequest request, CancellationToken cancellationToken)
    {
        var schedule = request.ChargingSchedule;
        // The lower of the limit in force and the one last sent: after a refused raise to 20 A the station holds 10 A, and a car's
        // schedule of 16 A is beyond what the edge keeps there.
        var record = context.ChargePoint.Limits.Get(request.EvseId);
        var limit = record?.ConfirmedA is { } confirmedA && record.SentA is { } sentA ? Math.Min(confirmedA, sentA) : record?.ConfirmedA ?? record?.SentA;
        var highest = schedule.ChargingSchedulePeriod.Max(p => p.Limit);
        if (schedule.ChargingRateUnit != "A" || limit is not { } edgeA || (double)highest <= edgeA)
        {
            return new StatusResponse("Accepted");
        }

        await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.ev-schedule-beyond-limit",
            string.Create(CultureInfo.InvariantCulture, $"EVSE {request.EvseId}: the car's schedule asks for up to {highest} A, above the edge's limit of {edgeA} A"), cancellationToken).ConfigureAwait(false);
        return new StatusResponse("Rejected");
    }
}
