using System.Collections.Frozen;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V16;

/// <summary>OCPP 1.6J on the central system's side (docs/ocpp.md): its handlers, its limit profile and its habits after a connect.</summary>
public sealed class Ocpp16Protocol(OcppSchemaValidator validator) : IOcppProtocol
{
    private static readonly FrozenDictionary<string, IOcppActionHandler> AllHandlers = new IOcppActionHandler[]
    {
        new AuthorizeHandler(), new BootNotificationHandler(), new DataTransferHandler(), new HeartbeatHandler(), new MeterValuesHandler(),
        new StartTransactionHandler(), new StatusNotificationHandler(), new StopTransactionHandler(),
        OcppTransferStatusHandler.Log(OcppAction.DiagnosticsStatusNotification, "Diagnostics", OcppJsonContext.Default.DiagnosticsStatusNotificationRequest,
            OcppJsonContext.Default.DiagnosticsStatusNotificationResponse, r => r.Status, new DiagnosticsStatusNotificationResponse()),
        OcppTransferStatusHandler.Firmware(OcppAction.FirmwareStatusNotification, OcppJsonContext.Default.FirmwareStatusNotificationRequest,
            OcppJsonContext.Default.FirmwareStatusNotificationResponse, r => r.Status, new FirmwareStatusNotificationResponse()),
    }.ToFrozenDictionary(h => h.Action, StringComparer.Ordinal);

    public OcppVersion Version => OcppVersion.V16;

    public string SubProtocol => OcppSubProtocol.V16;

    public OcppSchemaValidator Validator { get; } = validator;

    public FrozenDictionary<string, IOcppActionHandler> Handlers => AllHandlers;

    public IChargePointControl CreateControl(OcppChargePoint chargePoint) => new Ocpp16ChargePointControl(chargePoint);

    public async Task<OcppLimitSend> SendLimitAsync(OcppChargePoint chargePoint, int connectorId, double limitA, Action onWire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        var transactionId = int.TryParse(chargePoint.GetConnector(connectorId).TransactionId, System.Globalization.CultureInfo.InvariantCulture, out var running) ? running : (int?)null;
        var request = OcppLimitProfileBuilder.Build(chargePoint.Settings, connectorId, limitA, transactionId, chargePoint.Context.Time.GetUtcNow(),
            window => chargePoint.Context.Relay?.UpstreamCapA(chargePoint.Id, connectorId, window.Start, window.Duration));
        var schedule = request.CsChargingProfiles.ChargingSchedule;
        var sent = OcppCappedLimit.InForce(
            [.. schedule.ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit))], limitA, chargePoint.Context.Time.GetUtcNow() - schedule.StartSchedule!.Value);
        return await OcppLimitSend.AskAsync(
            chargePoint.Id,
            async () => (await chargePoint.CallAsync<SetChargingProfileRequest, StatusResponse>(OcppAction.SetChargingProfile, request, cancellationToken, onWire).ConfigureAwait(false)).Status,
            sent,
            request.CsChargingProfiles.ValidTo,
            request.CsChargingProfiles.TransactionId?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    /// <summary>Asks for the BootNotification at once, so the refused messages come again soon.</summary>
    public Func<CancellationToken, Task>? AfterFirstRefusalBeforeBoot(OcppChargePoint chargePoint) =>
        ct => TriggerBootAsync(chargePoint, ct);

    /// <summary>
    /// A charge point that was booted before sends no new BootNotification on reconnect: its limits
    /// are sent again at once, and one whose boot was restored from the store is asked for a fresh
    /// BootNotification (its vendor, firmware and keys may have changed while the edge was away); one whose connectors' states
    /// the edge does not know is asked for its StatusNotifications. One that has not booted is asked for a BootNotification if it does not send one by itself.
    /// The asks after the limits give way to any other call (<see cref="OcppGivingWay"/>): a charger that never answers a
    /// TriggerMessage holds up no cut for the call timeout.
    /// </summary>
    public async Task AfterConnectAsync(OcppChargePoint chargePoint, OcppRpcConnection connection, bool restored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(connection);
        var context = chargePoint.Context;
        try
        {
            if (chargePoint.BootState == OcppBootState.Accepted)
            {
                await chargePoint.Limits.ResendAllAsync(cancellationToken).ConfigureAwait(false);
                await context.NotifyReadyAsync(chargePoint, cancellationToken).ConfigureAwait(false);
                if (restored)
                {
                    // Asked again if given up: a second BootNotification is decided as the first (section 4.2), nothing lost.
                    await OcppGivingWay.AskAsync(chargePoint, () => TriggerBootAsync(chargePoint, cancellationToken, givesWay: true)).ConfigureAwait(false);
                }

                if (!chargePoint.Connectors.Any(c => c.ConnectorId > 0) || chargePoint.Connectors.Any(c => c.ConnectorId > 0 && c.State is null))
                {
                    // A charger sends StatusNotification on a change only: after an edge restart its connectors' states are
                    // unknown, each counted as a car charging, until it is asked (section 5.17, all connectors when none is named).
                    // Section 5.17: the charger answers the TriggerMessage.conf, then sends the StatusNotifications; one given up
                    // and asked again may bring them twice, each taken as any other.
                    await OcppGivingWay.AskAsync(chargePoint, () => chargePoint.CallAsync<TriggerMessageRequest, StatusResponse>(
                        OcppAction.TriggerMessage, new TriggerMessageRequest(OcppAction.StatusNotification), cancellationToken, givesWay: true)).ConfigureAwait(false);
                }

                return;
            }

            await Task.Delay(context.Options.BootTriggerDelay, context.Time, cancellationToken).ConfigureAwait(false);
            if (chargePoint.BootState != OcppBootState.Accepted && !connection.Closed.IsCompleted)
            {
                await TriggerBootAsync(chargePoint, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or OcppRpcException)
        {
            OcppLog.ChargePointInfo(context.LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id, "after-connect step not completed: " + e.Message);
        }
    }

    public Task ProbeAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<TriggerMessageRequest, StatusResponse>(OcppAction.TriggerMessage, new TriggerMessageRequest(OcppAction.Heartbeat), cancellationToken);

    private static Task<StatusResponse> TriggerBootAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken, bool givesWay = false) =>
        chargePoint.CallAsync<TriggerMessageRequest, StatusResponse>(
            OcppAction.TriggerMessage, new TriggerMessageRequest(OcppAction.BootNotification), cancellationToken, givesWay: givesWay);
}
