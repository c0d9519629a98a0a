using System.Collections.Frozen;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;
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
            new AuthorizeHandler(), new BootNotificationHandler(Stations), new HeartbeatHandler(), new MeterValuesHandler(),
            new StatusNotificationHandler(), new TransactionEventCallHandler(), new NotifyReportHandler(Stations), new NotifyEVChargingNeedsHandler(),
            new NotifyEventCallHandler(), new SecurityEventNotificationHandler(), new FirmwareStatusNotificationHandler(), new LogStatusNotificationHandler(),
            new NotifyChargingLimitHandler(Stations), new ClearedChargingLimitHandler(Stations), new ReportChargingProfilesHandler(Stations),
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
    public async Task<OcppLimitSend> SendLimitAsync(OcppChargePoint chargePoint, int connectorId, double limitA, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        var settings = chargePoint.Settings;
        var now = chargePoint.Context.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), now.Offset);
        var transactionId = settings.LimitPurpose == OcppLimitPurpose.TxProfile && connectorId > 0 ? chargePoint.GetConnector(connectorId).TransactionId : null;
        // Under an upstream central system's limits (docs/upstream.md, "Limits"): period by period the lower.
        var periods = OcppCappedLimit.Periods(limitA, chargePoint.Context.Relay?.UpstreamCapA(chargePoint.Id, connectorId, start, settings.LimitValidity))
            .Select(p => new ChargingSchedulePeriod(p.StartPeriod, p.Limit)).ToList();
        var id = settings.ProfileIdBase + connectorId;
        var profile = new ChargingProfile(
            id,
            settings.StackLevel,
            connectorId == 0 ? "ChargingStationMaxProfile" : transactionId is null ? "TxDefaultProfile" : "TxProfile",
            "Absolute",
            [new ChargingSchedule(id, "A", periods, start, (int)settings.LimitValidity.TotalSeconds)],
            start,
            start + settings.LimitValidity,
            transactionId);
        return await OcppLimitSend.AskAsync(
            chargePoint.Id,
            async () => (await chargePoint.CallAsync(Ocpp201Action.SetChargingProfile, new SetChargingProfileRequest(connectorId, profile),
                Ocpp201JsonContext.Default.SetChargingProfileRequest, Ocpp201JsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false)).Status,
            (double)periods[0].Limit,
            profile.ValidTo).ConfigureAwait(false);
    }

    /// <summary>None: F06.FR.17 forbids asking an accepted station to boot, and an unbooted one boots by itself (B01).</summary>
    public Func<CancellationToken, Task>? AfterFirstRefusalBeforeBoot(OcppChargePoint chargePoint) => null;

    /// <summary>A station the edge accepted before gets its limits again and is announced ready; nothing is asked of one that has not booted.</summary>
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
