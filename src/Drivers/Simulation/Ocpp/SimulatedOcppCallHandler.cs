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
    TimeProvider time) : SimulatedOcppCallAnswers(profiles, sendTriggered, options, time)
{
    private static readonly OcppJsonContext Json = OcppJsonContext.Default;

    public override ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken) => ValueTask.FromResult<OcppFrame>(incoming.Action switch
    {
        OcppAction.SetChargingProfile => SetChargingProfile(incoming),
        OcppAction.ClearChargingProfile => ClearChargingProfile(incoming),
        OcppAction.GetCompositeSchedule => GetCompositeSchedule(incoming),
        OcppAction.ChangeConfiguration => Reply(incoming, new StatusResponse(configuration.Change(Read(incoming, Json.ChangeConfigurationRequest).Key, Read(incoming, Json.ChangeConfigurationRequest).Value)), Json.StatusResponse),
        OcppAction.GetConfiguration => Reply(incoming, configuration.Get(Read(incoming, Json.GetConfigurationRequest).Key), Json.GetConfigurationResponse),
        OcppAction.TriggerMessage => Status(incoming, Trigger(Read(incoming, Json.TriggerMessageRequest).RequestedMessage, Read(incoming, Json.TriggerMessageRequest).ConnectorId, afterReply)),
        OcppAction.GetLocalListVersion => Reply(incoming, new GetLocalListVersionResponse(LocalListVersion), Json.GetLocalListVersionResponse),
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
        return Status(incoming, InstallStatus(request.ConnectorId, connector is not null, () => Profiles.Install(request.ConnectorId, request.CsChargingProfiles, connector?.TransactionId)));
    }

    private OcppCallResult ClearChargingProfile(OcppCall incoming)
    {
        var request = Read(incoming, Json.ClearChargingProfileRequest);
        var removed = Profiles.Clear(request.Id, request.ConnectorId, request.ChargingProfilePurpose, request.StackLevel);
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

        var (start, schedule) = Composite(connector.ConnectorId, request.Duration, connector.TransactionId, connector.TransactionStart);
        return Reply(incoming, new GetCompositeScheduleResponse("Accepted", connector.ConnectorId, start, schedule), Json.GetCompositeScheduleResponse);
    }

    private OcppCallResult SendLocalList(OcppCall incoming)
    {
        LocalListVersion = Read(incoming, Json.SendLocalListRequest).ListVersion;
        return Status(incoming, "Accepted");
    }

    private static OcppCallResult Status(OcppCall incoming, string status) => Reply(incoming, new StatusResponse(status), Json.StatusResponse);
}
