using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>
/// BootNotification: a configured charge point is Accepted (kept in the boot store, so that a
/// reconnect after an edge restart is accepted at once; after the reply, the edge sets its
/// configuration keys and sends its limits again); an unlisted one admitted under "accept new
/// chargers" is Pending and shown to the installer; anything else is Rejected.
/// </summary>
public sealed class BootNotificationHandler()
    : OcppActionHandler<BootNotificationRequest, BootNotificationResponse>(OcppAction.BootNotification, OcppJsonContext.Default.BootNotificationRequest, OcppJsonContext.Default.BootNotificationResponse)
{
    protected override async Task<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var chargePoint = context.ChargePoint;
        var services = context.Services;
        chargePoint.BootInfo = request.ToBootInfo();
        var registration = await services.Registry.FindAsync(chargePoint.Id, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            var pending = await services.Registry.AcceptsNewChargersAsync(cancellationToken).ConfigureAwait(false);
            if (pending)
            {
                await services.Registry.RecordPendingAsync(
                    new OcppPendingCharger(chargePoint.Id, context.Now, request.ChargePointVendor, request.ChargePointModel, request.ChargePointSerialNumber ?? request.ChargeBoxSerialNumber),
                    cancellationToken).ConfigureAwait(false);
            }

            chargePoint.BootState = pending ? OcppBootState.Pending : OcppBootState.Rejected;
            return new BootNotificationResponse(
                pending ? RegistrationStatus.Pending : RegistrationStatus.Rejected,
                context.Now,
                (int)services.Options.PendingRetryInterval.TotalSeconds);
        }

        chargePoint.Registration = registration;
        chargePoint.BootFollowUpDoneAt = null;
        chargePoint.BootState = OcppBootState.Accepted;
        await services.KeepBootAsync(OcppBootRecord.From(chargePoint.Id, context.Now, chargePoint.BootInfo), cancellationToken).ConfigureAwait(false);
        await services.PublishAsync("info", chargePoint.Id, "ocpp.booted", $"{request.ChargePointVendor} {request.ChargePointModel} firmware {request.FirmwareVersion ?? "unknown"} booted", cancellationToken).ConfigureAwait(false);
        context.AfterReply.Add(async ct =>
        {
            await OcppBootConfigurator.ConfigureAsync(chargePoint, services, ct).ConfigureAwait(false);
            await chargePoint.Limits.ResendAllAsync(ct).ConfigureAwait(false);
            chargePoint.BootFollowUpDoneAt = services.Time.GetUtcNow();
            await services.NotifyReadyAsync(chargePoint, ct).ConfigureAwait(false);
        });
        return new BootNotificationResponse(RegistrationStatus.Accepted, context.Now, (int)registration.Settings.HeartbeatInterval.TotalSeconds);
    }
}
