using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// How a BootNotification is decided, in every OCPP version: a configured charge point is Accepted
/// (kept in the boot store, so that a reconnect after an edge restart is accepted at once; after the
/// reply, its limits are sent again, then the version's follow-up runs and the observers hear of it);
/// an unlisted one admitted under "accept new chargers" is Pending and shown to the installer;
/// anything else is Rejected. Returns the status and the interval (heartbeat, or retry while pending).
/// </summary>
public static class OcppBootDecision
{
    public static async Task<(OcppBootState State, int IntervalS)> DecideAsync(
        OcppCallContext context, OcppBootInfo boot, Func<OcppChargePoint, CancellationToken, Task> followUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(boot);
        var chargePoint = context.ChargePoint;
        var services = context.Services;
        chargePoint.BootInfo = boot;
        chargePoint.Rebooted();
        var registration = await services.Registry.FindAsync(chargePoint.Id, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            var pending = await services.Registry.AcceptsNewChargersAsync(cancellationToken).ConfigureAwait(false);
            if (pending)
            {
                await services.Registry.RecordPendingAsync(
                    new OcppPendingCharger(chargePoint.Id, context.Now, boot.Vendor, boot.Model, boot.SerialNumber)
                    {
                        Protocol = chargePoint.Protocol is { } protocol ? OcppSubProtocol.Of(protocol.Version) : null,
                    }, cancellationToken).ConfigureAwait(false);
            }

            chargePoint.BootState = pending ? OcppBootState.Pending : OcppBootState.Rejected;
            return (chargePoint.BootState, (int)services.Options.PendingRetryInterval.TotalSeconds);
        }

        chargePoint.Registration = registration;
        chargePoint.BootFollowUpDoneAt = null;
        chargePoint.BootState = OcppBootState.Accepted;
        await services.KeepBootAsync(OcppBootRecord.From(chargePoint.Id, context.Now, boot), cancellationToken).ConfigureAwait(false);
        await services.PublishAsync("info", chargePoint.Id, "ocpp.booted", $"{boot.Vendor} {boot.Model} firmware {boot.FirmwareVersion ?? "unknown"} booted", cancellationToken).ConfigureAwait(false);
        context.AfterReply.Add(async ct =>
        {
            // The limits first: a charger that lost its profiles in the reboot is on its own default until they are in force
            // again, and the configuration keys (a round trip each) would hold them behind their answers.
            await chargePoint.Limits.ResendAllAsync(ct).ConfigureAwait(false);
            await followUp(chargePoint, ct).ConfigureAwait(false);
            chargePoint.BootFollowUpDoneAt = services.Time.GetUtcNow();
            await services.NotifyReadyAsync(chargePoint, ct).ConfigureAwait(false);
        });
        return (OcppBootState.Accepted, (int)registration.Settings.HeartbeatInterval.TotalSeconds);
    }
}
