using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// NotifyEVChargingNeeds (OCPP 2.0.1, K15): the car's departure time, energy amount and current range
/// are kept on its EVSE (docs/ocpp.md, "EV charging needs") until its transaction ends, and reach the
/// control loop with the connector's status. Answered Accepted once kept (the status says the message
/// was processed, not that the need will be met: [Schemas 2.0.1]); a need no car can have (a negative
/// amount or current, a minimum above the maximum) is Rejected and changes nothing. Once kept, the EVSE's limit is sent again as
/// the transaction's TxProfile, the schedule the station offers the car (K15, K17).
/// </summary>
public sealed class NotifyEVChargingNeedsHandler()
    : OcppActionHandler<NotifyEVChargingNeedsRequest, NotifyEVChargingNeedsResponse>(Ocpp201Action.NotifyEVChargingNeeds, Ocpp201JsonContext.Default.NotifyEVChargingNeedsRequest, Ocpp201JsonContext.Default.NotifyEVChargingNeedsResponse)
{
    protected override int? ConnectorOf(NotifyEVChargingNeedsRequest request) => request.EvseId;

    protected override async Task<NotifyEVChargingNeedsResponse> HandleAsync(OcppCallContext context, NotifyEVChargingNeedsRequest request, CancellationToken cancellationToken)
    {
        var chargePoint = context.ChargePoint;
        var needs = request.ChargingNeeds;
        var (energyWh, minA, maxA) = needs.AcChargingParameters is { } ac
            ? (ac.EnergyAmount, ac.EvMinCurrent, ac.EvMaxCurrent)
            : (needs.DcChargingParameters?.EnergyAmount, (double?)null, needs.DcChargingParameters?.EvMaxCurrent);
        if (Problem(energyWh, minA, maxA) is { } problem)
        {
            await context.Services.PublishAsync("warning", chargePoint.Id, "ocpp.ev-charging-needs-refused", $"EVSE {request.EvseId}: {problem}; nothing kept", cancellationToken).ConfigureAwait(false);
            return new NotifyEVChargingNeedsResponse("Rejected");
        }

        var kept = new EvChargingNeeds(needs.DepartureTime, energyWh, minA, maxA, context.Now);
        chargePoint.UpdateConnector(request.EvseId, live => live with { Needs = kept });

        // K15, K17 (also a renegotiation the car started): the station waits for a schedule; the EVSE's limit goes again, now as
        // the transaction's TxProfile (Ocpp201Protocol.SendLimitAsync), once this answer is out.
        context.AfterReply.Add(_ =>
        {
            chargePoint.Limits.SendAgainSoon(request.EvseId);
            return Task.CompletedTask;
        });
        return new NotifyEVChargingNeedsResponse("Accepted");
    }

    private static string? Problem(double? energyWh, double? minA, double? maxA) =>
        energyWh < 0 ? $"energyAmount {energyWh} Wh is negative"
        : minA < 0 || maxA < 0 ? "a current is negative"
        : minA > maxA ? $"evMinCurrent {minA} A is above evMaxCurrent {maxA} A"
        : null;
}
