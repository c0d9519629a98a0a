using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using static ChargeNet.Drivers.Simulation.Ocpp.SimulatedOcppReplies;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// How a simulated 2.0.1 station answers the central system: it installs charging profiles (and so changes what its
/// outlets offer), keeps the variables it lets be set, sends its base report and triggered messages after its answer,
/// and refuses what it cannot simulate (remote starts, firmware, logs). A booted station refuses to be asked for a
/// BootNotification (F06.FR.17).
/// </summary>
internal sealed class SimulatedOcpp201CallHandler(
    IReadOnlyList<SimulatedOcpp201Evse> evses,
    OcppChargingProfileSet profiles,
    SimulatedOcpp201Variables variables,
    Func<string, int?, CancellationToken, Task> sendTriggered,
    Func<int, CancellationToken, Task> sendReport,
    Func<bool> booted,
    SimulatedOcppChargePointOptions options,
    TimeProvider time) : SimulatedOcppCallAnswers(profiles, sendTriggered, options, time)
{
    private static readonly Ocpp201JsonContext Json = Ocpp201JsonContext.Default;

    public override ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken) => ValueTask.FromResult<OcppFrame>(incoming.Action switch
    {
        Ocpp201Action.SetChargingProfile => SetChargingProfile(incoming),
        Ocpp201Action.ClearChargingProfile => Status(incoming, Profiles.Clear(Read(incoming, Json.ClearChargingProfileRequest).ChargingProfileId, null, null, null) > 0 ? "Accepted" : "Unknown"),
        Ocpp201Action.GetCompositeSchedule => GetCompositeSchedule(incoming),
        Ocpp201Action.GetChargingProfiles => Reply(incoming, new GetChargingProfilesResponse("NoProfiles"), Json.GetChargingProfilesResponse),
        Ocpp201Action.SetVariables => Reply(incoming, new SetVariablesResponse([.. Read(incoming, Json.SetVariablesRequest).SetVariableData.Select(d => new SetVariableResult(variables.Set(d), d.Component, d.Variable))]), Json.SetVariablesResponse),
        Ocpp201Action.GetVariables => Reply(incoming, new GetVariablesResponse([.. Read(incoming, Json.GetVariablesRequest).GetVariableData.Select(variables.Get)]), Json.GetVariablesResponse),
        Ocpp201Action.GetBaseReport => GetBaseReport(incoming, afterReply),
        Ocpp201Action.TriggerMessage => TriggerMessage(incoming, afterReply),
        Ocpp201Action.GetLocalListVersion => Reply(incoming, new GetLocalListVersionResponse(LocalListVersion), Json.GetLocalListVersionResponse),
        Ocpp201Action.SendLocalList => SendLocalList(incoming),
        Ocpp201Action.ChangeAvailability or Ocpp201Action.Reset or Ocpp201Action.ClearCache => Status(incoming, "Accepted"),
        Ocpp201Action.UnlockConnector => Status(incoming, "Unlocked"),
        Ocpp201Action.RequestStartTransaction or Ocpp201Action.RequestStopTransaction or Ocpp201Action.UpdateFirmware => Status(incoming, "Rejected"),
        Ocpp201Action.GetLog => Reply(incoming, new GetLogResponse("Rejected"), Json.GetLogResponse),
        Ocpp201Action.GetTransactionStatus => GetTransactionStatus(incoming),
        _ => new OcppCallError(incoming.MessageId, OcppErrorCode.NotImplemented, $"{incoming.Action} is not simulated."),
    });

    private OcppCallResult SetChargingProfile(OcppCall incoming)
    {
        var request = Read(incoming, Json.SetChargingProfileRequest);
        var evse = evses.FirstOrDefault(e => e.EvseId == request.EvseId);

        // A TxProfile names its transaction by the station's id (K01); the maths counts it by the EVSE's number for it.
        var running = request.ChargingProfile.TransactionId is { } id ? evses.FirstOrDefault(e => e.TransactionId == id) : evse;
        return Status(incoming, InstallStatus(request.EvseId, evse is not null, () =>
            SimulatedOcpp201Profiles.ToV16(request.ChargingProfile, running?.ProfileTransaction) is { } profile
                ? Profiles.Install(request.EvseId, profile, evse?.ProfileTransaction)
                : "not simulated"));
    }

    // E14: the simulated station sends its events as they happen, so none wait in a queue; a named transaction runs while an EVSE holds it.
    private OcppCallResult GetTransactionStatus(OcppCall incoming)
    {
        var id = Read(incoming, Json.GetTransactionStatusRequest).TransactionId;
        return Reply(incoming, new GetTransactionStatusResponse(false, id is null ? null : evses.Any(e => e.TransactionId == id)), Json.GetTransactionStatusResponse);
    }

    private OcppCallResult GetCompositeSchedule(OcppCall incoming)
    {
        var request = Read(incoming, Json.GetCompositeScheduleRequest);
        var evse = evses.FirstOrDefault(e => e.EvseId == request.EvseId);
        if (evse is null || request.ChargingRateUnit == "W")
        {
            return Reply(incoming, new GetCompositeScheduleResponse("Rejected"), Json.GetCompositeScheduleResponse);
        }

        var (start, schedule) = Composite(evse.EvseId, request.Duration, evse.ProfileTransaction, evse.TransactionStart);
        var periods = schedule.ChargingSchedulePeriod.Select(p => new ChargingSchedulePeriod(p.StartPeriod, p.Limit, p.NumberPhases)).ToList();
        return Reply(incoming, new GetCompositeScheduleResponse("Accepted", new CompositeSchedule(evse.EvseId, request.Duration, start, "A", periods)), Json.GetCompositeScheduleResponse);
    }

    private OcppCallResult GetBaseReport(OcppCall incoming, OcppAfterReply afterReply)
    {
        var request = Read(incoming, Json.GetBaseReportRequest);
        afterReply.Add(ct => sendReport(request.RequestId, ct));
        return Status(incoming, "Accepted");
    }

    // A booted station is never asked for a BootNotification (F06.FR.17).
    private OcppCallResult TriggerMessage(OcppCall incoming, OcppAfterReply afterReply)
    {
        var request = Read(incoming, Json.TriggerMessageRequest);
        return Status(incoming, request.RequestedMessage == Ocpp201Action.BootNotification && booted()
            ? "Rejected"
            : Trigger(request.RequestedMessage, request.Evse?.Id, afterReply));
    }

    private OcppCallResult SendLocalList(OcppCall incoming)
    {
        LocalListVersion = Read(incoming, Json.SendLocalListRequest).VersionNumber;
        return Status(incoming, "Accepted");
    }

    private static OcppCallResult Status(OcppCall incoming, string status) => Reply(incoming, new StatusResponse(status), Json.StatusResponse);
}
