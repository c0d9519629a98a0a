using System.Collections.Frozen;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.V201.SmartCharging;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// OCPP 2.0.1 on the central system's side (docs/ocpp.md, "OCPP 2.0.1"): its handlers, its limit
/// profile (K01) and its habits after a connect — never a TriggerMessage for a BootNotification
/// (F06.FR.17): a station sends its boot when it boots, and one the edge accepted before keeps it.
/// </summary>
public sealed class Ocpp201Protocol : IOcppProtocol
{
    public Ocpp201Protocol(OcppSchemaValidator validator)
    {
        Validator = validator;
        IOcppActionHandler[] handlers =
        [
            new AuthorizeHandler(Stations), new BootNotificationHandler(Stations), new HeartbeatHandler(), new MeterValuesHandler(),
            new StatusNotificationHandler(Stations), new TransactionEventCallHandler(Stations), new NotifyReportHandler(Stations), new NotifyEVChargingNeedsHandler(), new NotifyEVChargingScheduleHandler(),
            new NotifyEventCallHandler(), new SecurityEventNotificationHandler(),
            new NotifyChargingLimitHandler(Stations), new ClearedChargingLimitHandler(Stations), new ReportChargingProfilesHandler(Stations),
            OcppTransferStatusHandler.Firmware(Ocpp201Action.FirmwareStatusNotification, Ocpp201JsonContext.Default.FirmwareStatusNotificationRequest,
                Ocpp201JsonContext.Default.EmptyResponse, r => r.Status, new EmptyResponse()),
            OcppTransferStatusHandler.Log(Ocpp201Action.LogStatusNotification, "Log upload", Ocpp201JsonContext.Default.LogStatusNotificationRequest,
                Ocpp201JsonContext.Default.EmptyResponse, r => r.Status, new EmptyResponse()),
        ];
        Handlers = handlers.ToFrozenDictionary(h => h.Action, StringComparer.Ordinal);
    }

    public OcppVersion Version => OcppVersion.V201;

    /// <summary>What the edge keeps of each 2.0.1 station (device model, request ids).</summary>
    public Ocpp201Stations Stations { get; } = new();

    public string SubProtocol => OcppSubProtocol.V201;

    public OcppSchemaValidator Validator { get; }

    public FrozenDictionary<string, IOcppActionHandler> Handlers { get; }

    public IChargePointControl CreateControl(OcppChargePoint chargePoint) => new Ocpp201ChargePointControl(chargePoint, Stations.Get(chargePoint.Id));

    /// <summary>
    /// SetChargingProfile in A for one EVSE: an Absolute profile (with its startSchedule, as K01 asks of Absolute profiles)
    /// of one period (startPeriod 0, K01.FR.31) — more where an upstream central system's limit is lower
    /// for a while (docs/upstream.md, "Limits") — valid from now for LimitValidity (validFrom, validTo,
    /// and the schedule's duration, as TC_K_01 checks), at the configured stack level and a fixed id per
    /// EVSE, so a new limit replaces the last (K01); a TxProfile carries its transaction's id (K01).
    /// EVSE 0 is the whole station: its limit goes as a ChargingStationMaxProfile (K01, TC_K_03), with the
    /// same validity, so a station whose edge went silent falls back to its own maximum (docs/ocpp.md).
    /// </summary>
    public async Task<OcppLimitSend> SendLimitAsync(OcppChargePoint chargePoint, int connectorId, double limitA, Action onWire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        // A TxProfile for the running transaction when the settings ask for it, or when its car told its needs over ISO 15118:
        // the station offers such a car the TxProfile's schedule (K15, K16), and drops it with the transaction (then the default again).
        var live = connectorId > 0 ? chargePoint.GetConnector(connectorId) : null;
        var transactionId = live is not null && (chargePoint.Settings.LimitPurpose == OcppLimitPurpose.TxProfile || live.Needs is not null) ? live.TransactionId : null;
        var profile = Ocpp201LimitProfile.Build(chargePoint, connectorId, limitA,
            connectorId == 0 ? "ChargingStationMaxProfile" : transactionId is null ? "TxDefaultProfile" : "TxProfile", transactionId);
        return await OcppLimitSend.AskAsync(
            chargePoint.Id,
            async () => (await chargePoint.CallAsync(Ocpp201Action.SetChargingProfile, new SetChargingProfileRequest(connectorId, profile),
                Ocpp201JsonContext.Default.SetChargingProfileRequest, Ocpp201JsonContext.Default.StatusResponse, cancellationToken, onWire).ConfigureAwait(false)).Status,
            OcppCappedLimit.InForce(
                [.. profile.ChargingSchedule[0].ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit))], limitA,
                chargePoint.Context.Time.GetUtcNow() - profile.ChargingSchedule[0].StartSchedule!.Value),
            profile.ValidTo,
            profile.TransactionId).ConfigureAwait(false);
    }

    /// <summary>None: F06.FR.17 forbids asking an accepted station to boot, and an unbooted one boots by itself (B01).</summary>
    public Func<CancellationToken, Task>? AfterFirstRefusalBeforeBoot(OcppChargePoint chargePoint) => null;

    /// <summary>
    /// A station the edge accepted before gets its limits again, is announced ready, is asked for the state of each EVSE the edge
    /// does not know (F06, <see cref="Ocpp201StatusAsk"/>) and about each transaction the edge believes running on it (E14);
    /// nothing is asked of one that has not booted.
    /// </summary>
    public async Task AfterConnectAsync(OcppChargePoint chargePoint, OcppRpcConnection connection, bool restored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        if (chargePoint.BootState != OcppBootState.Accepted)
        {
            return;
        }

        try
        {
            await chargePoint.Limits.ResendAllAsync(cancellationToken).ConfigureAwait(false);
            await chargePoint.Context.NotifyReadyAsync(chargePoint, cancellationToken).ConfigureAwait(false);
            await Ocpp201StatusAsk.AfterReconnectAsync(chargePoint, Stations.Get(chargePoint.Id), cancellationToken).ConfigureAwait(false);
            await Ocpp201TransactionStatus.AfterReconnectAsync(chargePoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or OcppRpcException)
        {
            OcppLog.ChargePointInfo(chargePoint.Context.LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id, "after-connect step not completed: " + e.Message);
        }
    }

    public Task ProbeAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        return chargePoint.CallAsync(Ocpp201Action.TriggerMessage, new TriggerMessageRequest("Heartbeat"),
            Ocpp201JsonContext.Default.TriggerMessageRequest, Ocpp201JsonContext.Default.StatusResponse, cancellationToken);
    }
}
