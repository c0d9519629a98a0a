using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>
/// BootNotification, decided as in every version (<see cref="OcppBootDecision"/>); after an accepted
/// one the edge sets its configuration keys (<see cref="OcppBootConfigurator"/>) and sends its limits again.
/// </summary>
public sealed class BootNotificationHandler()
    : OcppActionHandler<BootNotificationRequest, BootNotificationResponse>(OcppAction.BootNotification, OcppJsonContext.Default.BootNotificationRequest, OcppJsonContext.Default.BootNotificationResponse)
{
    protected override async Task<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var (state, interval) = await OcppBootDecision.DecideAsync(
            context, request.ToBootInfo(), (chargePoint, ct) => OcppBootConfigurator.ConfigureAsync(chargePoint, context.Services, ct), cancellationToken).ConfigureAwait(false);
        var status = state switch
        {
            OcppBootState.Accepted => RegistrationStatus.Accepted,
            OcppBootState.Pending => RegistrationStatus.Pending,
            _ => RegistrationStatus.Rejected,
        };
        return new BootNotificationResponse(status, context.Now, interval);
    }
}
