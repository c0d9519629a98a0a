using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using static ChargeNet.Drivers.Simulation.Ocpp.SimulatedOcppReplies;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// How a simulated charge point answers the central system: it installs charging profiles (and
/// so changes what its outlets offer), keeps configuration keys, answers composite schedules and
/// sends triggered messages; it refuses what it cannot simulate (remote starts, reservations).
/// </summary>
internal sealed class SimulatedOcppCallHandler(
    IReadOnlyList<SimulatedOcppConnector> connectors,
    OcppChargingProfileSet profiles,
    SimulatedOcppConfiguration configuration,
    Func<string, int?, CancellationToken, Task> sendTriggered,
    SimulatedOcppChargePointOptions options,
    TimeProvider time) : IOcppCallHandler
{
    private static readonly OcppJsonContext Json = OcppJsonContext.Default;
    private int _localListVersion;

    public ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken) => ValueTask.FromResult<OcppFrame>(incoming.Action switch
    {
        OcppAction.SetChargingProfile => SetChargingProfile(incoming),
        OcppAction.ClearChargingProfile => ClearChargingProfile(incoming),
        OcppAction.GetCompositeSchedule => GetCompositeSchedule(incoming),
        OcppAction.ChangeConfiguration => Reply(incoming, new StatusResponse(configuration.Change(Read(incoming, Json.ChangeConfigurationRequest).Key, Read(incoming, Json.ChangeConfigurationRequest).Value)), Json.StatusResponse),
        OcppAction.GetConfiguration => Reply(incoming, configuration.Get(Read(incoming, Json.GetConfigurationRequest).Key), Json.GetConfigurationResponse),
        OcppAction.TriggerMessage => TriggerMessage(incoming, afterReply),
        OcppAction.GetLocalListVersion => Reply(incoming, new GetLocalListVersionResponse(_localListVersion), Json.GetLocalListVersionResponse),
        OcppAction.SendLocalList => SendLocalList(incoming),
        OcppAction.ChangeAvailability or OcppAction.ClearCache or OcppAction.Reset => Status(incoming, "Accepted"),
        OcppAction.UnlockConnector => Status(incoming, "NotSupported"),
        OcppAction.RemoteStartTransaction or OcppAction.RemoteStopTransaction or OcppAction.ReserveNow or OcppAction.CancelReservation => Status(incoming, "Rejected"),
        OcppAction.DataTransfer => Reply(incoming, new DataTransferResponse("UnknownVendorId"), Json.DataTransferResponse),
        OcppAction.UpdateFirmware => Reply(incoming, new UpdateFirmwareResponse(), Json.UpdateFirmwareResponse),
        OcppAction.GetDiagnostics => Reply(incoming, new GetDiagnosticsResponse(), Json.GetDiagnosticsResponse),
        _ => new OcppCallError(incoming.MessageId, OcppErrorCode.NotSupported, $"{incoming.Action} is not sent to a charge point."),
    });

    private OcppCallResult SetChargingProfile(OcppCall incoming)
    {
        var request = Read(incoming, Json.SetChargingProfileRequest);
        var connector = connectors.FirstOrDefault(c => c.ConnectorId == request.ConnectorId);
        if (request.ConnectorId != 0 && connector is null)
        {
            return Status(incoming, "Rejected");
        }

        var refused = profiles.Install(request.ConnectorId, request.CsChargingProfiles, connector?.TransactionId);
        return Status(incoming, refused is null ? "Accepted" : "Rejected");
    }

    private OcppCallResult ClearChargingProfile(OcppCall incoming)
    {
        var request = Read(incoming, Json.ClearChargingProfileRequest);
        var removed = profiles.Clear(request.Id, request.ConnectorId, request.ChargingProfilePurpose, request.StackLevel);
        return Status(incoming, removed > 0 ? "Accepted" : "Unknown");
    }

    private OcppCallResult GetCompositeSchedule(OcppCall incoming)
    {
        var request = Read(incoming, Json.GetCompositeScheduleRequest);
        var connector = connectors.FirstOrDefault(c => c.ConnectorId == request.ConnectorId);
        if (connector is null || request.ChargingRateUnit == ChargingRateUnitType.W)
        {
            return Reply(incoming, new GetCompositeScheduleResponse("Rejected"), Json.GetCompositeScheduleResponse);
        }

        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var schedule = profiles.CompositeSchedule(connector.ConnectorId, now, TimeSpan.FromSeconds(request.Duration), connector.TransactionId, connector.TransactionStart, options.MaxCurrentA);
        return Reply(incoming, new GetCompositeScheduleResponse("Accepted", connector.ConnectorId, now, schedule), Json.GetCompositeScheduleResponse);
    }

    private OcppCallResult TriggerMessage(OcppCall incoming, OcppAfterReply afterReply)
    {
        var request = Read(incoming, Json.TriggerMessageRequest);
        if (request.RequestedMessage is not (OcppAction.BootNotification or OcppAction.Heartbeat or OcppAction.StatusNotification or OcppAction.MeterValues))
        {
            return Status(incoming, "NotImplemented");
        }

        afterReply.Add(ct => sendTriggered(request.RequestedMessage, request.ConnectorId, ct));
        return Status(incoming, "Accepted");
    }

    private OcppCallResult SendLocalList(OcppCall incoming)
    {
        _localListVersion = Read(incoming, Json.SendLocalListRequest).ListVersion;
        return Status(incoming, "Accepted");
    }

    private static OcppCallResult Status(OcppCall incoming, string status) => Reply(incoming, new StatusResponse(status), Json.StatusResponse);
}
