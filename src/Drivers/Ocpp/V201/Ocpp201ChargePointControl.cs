using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.V201.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// The protocol-neutral commands as OCPP 2.0.1 messages. The edge's connector N is the station's
/// EVSE N. Request ids (remote start, firmware, log, report) come from one counter per station.
/// </summary>
public sealed class Ocpp201ChargePointControl(OcppChargePoint chargePoint, Ocpp201Station station) : OcppChargePointControlBase(chargePoint)
{
    // A remote start's idToken has no card behind it: the central system vouches for it (OCPP 2.0.1 F01, type Central).
    private const string CentralToken = "Central";

    // The edge's list does not say what kind of token each entry is; RFID cards are what sites hand out.
    private const string ListTokenType = "ISO14443";

    public override OcppVersion Version => OcppVersion.V201;

    /// <summary>
    /// RequestStartTransaction (F01). On an EVSE whose limit the edge keeps, the limit goes with it as a TxProfile without a
    /// transactionId (K05, F01.FR.08–11), so the transaction starts under it; the profile has the EVSE's id, so the edge's next
    /// limit for the EVSE replaces it (K01.FR.05) and the balancer keeps the say.
    /// </summary>
    public override Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken)
    {
        var profile = connectorId is { } evse && ChargePoint.Limits.Get(evse) is { } kept ? Ocpp201LimitProfile.Build(ChargePoint, evse, kept.RequestedA, "TxProfile", null) : null;
        return StatusAsync(Ocpp201Action.RequestStartTransaction, new RequestStartTransactionRequest(new IdToken(idTag, CentralToken), NextRequestId(), connectorId, profile),
            Ocpp201JsonContext.Default.RequestStartTransactionRequest, cancellationToken);
    }

    public override Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.RequestStopTransaction, new RequestStopTransactionRequest(transactionId), Ocpp201JsonContext.Default.RequestStopTransactionRequest, cancellationToken);

    public override Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.ChangeAvailability, new ChangeAvailabilityRequest(operative ? "Operative" : "Inoperative", connectorId == 0 ? null : new Evse(connectorId)), Ocpp201JsonContext.Default.ChangeAvailabilityRequest, cancellationToken);

    /// <summary>The messages TriggerMessage may ask of a station (MessageTriggerEnumType, less the certificate ones: the edge signs none).</summary>
    public static IReadOnlyList<string> Triggerable { get; } =
    [
        Ocpp201Action.BootNotification, Ocpp201Action.FirmwareStatusNotification, Ocpp201Action.Heartbeat, Ocpp201Action.LogStatusNotification,
        Ocpp201Action.MeterValues, Ocpp201Action.StatusNotification, Ocpp201Action.TransactionEvent,
    ];

    /// <summary>One EVSE (B11/B12 with evseId), or (0) the whole station.</summary>
    public override bool ResetsConnectors => true;

    public override Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, int connectorId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.Reset, new ResetRequest(kind == ChargerResetKind.Hard ? "Immediate" : "OnIdle", connectorId == 0 ? null : connectorId), Ocpp201JsonContext.Default.ResetRequest, cancellationToken);

    /// <summary>F06.FR.17: a station whose boot the edge accepted is not asked to boot again; one that has not booted may be (B02, TC_B_31).</summary>
    public override string? TriggerRefusal(string requestedMessage) =>
        requestedMessage == Ocpp201Action.BootNotification && ChargePoint.BootState == OcppBootState.Accepted
            ? "a station that has booted is not asked for a BootNotification (OCPP 2.0.1 F06.FR.17)"
            : NotAmong(requestedMessage, Triggerable);

    /// <summary>
    /// TriggerMessage with the EVSE when one is named; a StatusNotification names its connector too (the edge keeps
    /// one per EVSE: connector 1), as a station reports status per connector.
    /// </summary>
    public override Task<ChargerCommandResult> TriggerMessageAsync(string requestedMessage, int? connectorId, CancellationToken cancellationToken)
    {
        if (TriggerRefusal(requestedMessage) is { } why)
        {
            throw new ArgumentException(why, nameof(requestedMessage));
        }

        var evse = connectorId is { } id ? new Evse(id, requestedMessage == Ocpp201Action.StatusNotification ? 1 : null) : null;
        return StatusAsync(Ocpp201Action.TriggerMessage, new TriggerMessageRequest(requestedMessage, evse), Ocpp201JsonContext.Default.TriggerMessageRequest, cancellationToken);
    }

    /// <summary>
    /// GetChargingProfiles (K09), any purpose and source, for what limits one EVSE, for the station itself (0), or for every
    /// EVSE (null). K09 has a station asked for EVSE N report only the profiles installed on N, yet those installed on the
    /// station itself (EVSE 0: ChargingStationMaxProfile, station-wide outside limits) limit N too: for an EVSE the station is
    /// asked for all, and the edge keeps the profiles of N and of 0 (so a report of another EVSE's is left out as well).
    /// The profiles come in ReportChargingProfiles parts with the same request id, awaited as long as a call's answer is
    /// (the RPC call timeout). NoProfiles is an empty list.
    /// </summary>
    public override async Task<IReadOnlyList<ChargerProfile>?> ReadProfilesAsync(int? connectorId, CancellationToken cancellationToken)
    {
        var profiles = await ReadProfilesOfAsync(connectorId is 0 ? 0 : null, cancellationToken).ConfigureAwait(false);
        return connectorId is > 0 and var evse ? [.. profiles.Where(p => p.ConnectorId == evse || p.ConnectorId == 0)] : profiles;
    }

    private async Task<IReadOnlyList<ChargerProfile>> ReadProfilesOfAsync(int? evseId, CancellationToken cancellationToken)
    {
        var (answer, profiles) = await GatherAsync(station.ProfileReports, Ocpp201Action.GetChargingProfiles, "ReportChargingProfiles",
            requestId => new GetChargingProfilesRequest(requestId, new ChargingProfileCriterion(), evseId), Ocpp201JsonContext.Default.GetChargingProfilesRequest, cancellationToken).ConfigureAwait(false);
        return answer == "Accepted" ? profiles : [];
    }

    /// <summary>
    /// GetReport (B08): the components in the states asked for and/or the variables named, from the NotifyReport parts that answer it
    /// (awaited as long as a call's answer). EmptyResultSet is no items; Rejected or NotSupported is the answer with none.
    /// </summary>
    public override async Task<ChargerReport?> ReadReportAsync(ChargerReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var variables = query.Variables.Select(v => new ComponentVariable(new Component(v.Component, v.EvseId is { } evse ? new Evse(evse) : null), v.Variable is { } name ? new Variable(name) : null)).ToList();
        var (answer, items) = await GatherAsync(station.CustomReports, Ocpp201Action.GetReport, "NotifyReport",
            requestId => new GetReportRequest(requestId, query.Criteria.Count == 0 ? null : query.Criteria, variables.Count == 0 ? null : variables),
            Ocpp201JsonContext.Default.GetReportRequest, cancellationToken).ConfigureAwait(false);
        return new ChargerReport(answer, items);
    }

    /// <summary>
    /// A request whose answer comes in parts: registered before the call goes out, then (when Accepted) awaited as long as a call's
    /// answer is (the RPC call timeout); any other answer has no parts.
    /// </summary>
    private async Task<(string Answer, IReadOnlyList<TItem> Items)> GatherAsync<TItem, TRequest>(
        Ocpp201Reports<TItem> reports, string action, string partAction, Func<int, TRequest> request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var requestId = NextRequestId();
        var report = reports.Expect(requestId);
        try
        {
            var answer = (await ChargePoint.CallAsync(action, request(requestId), requestType, Ocpp201JsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false)).Status;
            if (answer != "Accepted")
            {
                return (answer, []);
            }

            var timeout = ChargePoint.Context.Options.Rpc.CallTimeout;
            try
            {
                return (answer, await report.WaitAsync(timeout, ChargePoint.Context.Time, cancellationToken).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                throw new OcppRpcException($"{Id} accepted {action} but sent no complete {partAction} within {timeout.TotalSeconds} s");
            }
        }
        finally
        {
            reports.Forget(requestId);
        }
    }

    public override async Task<ChargerTransactionStatus?> ReadTransactionStatusAsync(string? transactionId, CancellationToken cancellationToken) =>
        await Ocpp201TransactionStatus.AskAsync(ChargePoint, transactionId, cancellationToken).ConfigureAwait(false);

    public override IReadOnlyList<ChargerExternalLimit> ExternalLimits(int connectorId) => station.ExternalLimits.On(connectorId);

    /// <summary>The EVSE's first connector: the edge keeps one per EVSE.</summary>
    public override Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.UnlockConnector, new UnlockConnectorRequest(connectorId, 1), Ocpp201JsonContext.Default.UnlockConnectorRequest, cancellationToken);

    /// <summary>ClearCache (C11): Accepted or Rejected (the station has no cache, or will not clear it).</summary>
    public override Task<ChargerCommandResult> ClearCacheAsync(CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.ClearCache, new ClearCacheRequest(), Ocpp201JsonContext.Default.ClearCacheRequest, cancellationToken);

    public override Task<ChargerCommandResult> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return StatusAsync(Ocpp201Action.UpdateFirmware, new UpdateFirmwareRequest(NextRequestId(), new Firmware(location.ToString(), retrieveAt)), Ocpp201JsonContext.Default.UpdateFirmwareRequest, cancellationToken);
    }

    public override async Task<ChargerCommandResult> UploadLogAsync(Uri location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var answer = await ChargePoint.CallAsync(Ocpp201Action.GetLog, new GetLogRequest("DiagnosticsLog", NextRequestId(), new LogParameters(location.ToString())),
            Ocpp201JsonContext.Default.GetLogRequest, Ocpp201JsonContext.Default.GetLogResponse, cancellationToken).ConfigureAwait(false);
        return FromStatus(answer.Status) with { FileName = answer.Filename };
    }

    public override async Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken) =>
        (await ChargePoint.CallAsync(Ocpp201Action.GetLocalListVersion, new GetLocalListVersionRequest(),
            Ocpp201JsonContext.Default.GetLocalListVersionRequest, Ocpp201JsonContext.Default.GetLocalListVersionResponse, cancellationToken).ConfigureAwait(false)).VersionNumber;

    /// <summary>
    /// LocalAuthListCtrlr.ItemsPerMessage by GetVariables (B06): the most entries one SendLocalList may carry.
    /// The list's whole size is a variable characteristic (Entries' maxLimit), which only a report gives: not bounded.
    /// </summary>
    public override async Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var values = await GetVariablesAsync([new GetVariableData(new Component("LocalAuthListCtrlr"), new Variable("ItemsPerMessage"))], cancellationToken).ConfigureAwait(false);
            return new LocalListLimits(LocalListLimits.Parse(values.FirstOrDefault(v => v.AttributeStatus == "Accepted")?.AttributeValue), null);
        }
        catch (OcppRpcException ex) when (ex.ErrorCode is not null)
        {
            return LocalListLimits.Unknown;
        }
    }

    /// <summary>GetVariables (B06): one result per item asked for, in the station's words.</summary>
    public async Task<IReadOnlyList<GetVariableResult>> GetVariablesAsync(IReadOnlyList<GetVariableData> items, CancellationToken cancellationToken) =>
        (await ChargePoint.CallAsync(Ocpp201Action.GetVariables, new GetVariablesRequest(items),
            Ocpp201JsonContext.Default.GetVariablesRequest, Ocpp201JsonContext.Default.GetVariablesResponse, cancellationToken).ConfigureAwait(false)).GetVariableResult;

    /// <summary>GetCompositeSchedule in A for one EVSE (K08; 0 the whole station); Rejected says nothing.</summary>
    public override async Task<ChargerSchedule?> ReadScheduleAsync(int connectorId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.CallAsync(Ocpp201Action.GetCompositeSchedule, new GetCompositeScheduleRequest((int)duration.TotalSeconds, connectorId, "A"),
            Ocpp201JsonContext.Default.GetCompositeScheduleRequest, Ocpp201JsonContext.Default.GetCompositeScheduleResponse, cancellationToken).ConfigureAwait(false);
        return answer is { Status: "Accepted", Schedule: { } schedule }
            ? new ChargerSchedule(schedule.EvseId, schedule.ScheduleStart, schedule.Duration, schedule.ChargingRateUnit,
                [.. schedule.ChargingSchedulePeriod.Select(p => new ChargerSchedulePeriod(p.StartPeriod, (double)p.Limit, p.NumberPhases))])
            : null;
    }

    /// <summary>ClearChargingProfile by the profile's id (K10).</summary>
    protected override Task<ChargerCommandResult> ClearProfileAsync(int profileId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.ClearChargingProfile, new ClearChargingProfileRequest(profileId), Ocpp201JsonContext.Default.ClearChargingProfileRequest, cancellationToken);

    public override Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entries = message.Entries.Select(e => new AuthorizationData(new IdToken(e.IdTag, ListTokenType), Ocpp201Authorization.Info(Known(e.Status), e.ExpiryDate, e.ParentIdTag))).ToList();
        return StatusAsync(Ocpp201Action.SendLocalList, new SendLocalListRequest(message.ListVersion, message.UpdateType, entries.Count == 0 ? null : entries), Ocpp201JsonContext.Default.SendLocalListRequest, cancellationToken);
    }

    /// <summary>TariffCostCtrlr, instance Cost, as the last base report said (I02, I03).</summary>
    public override bool? DisplaysCost => station.Model?.Cost;

    /// <summary>CostUpdated (I02): its answer has no status; a CALLERROR or no answer throws.</summary>
    public override async Task<bool> ShowRunningCostAsync(string transactionId, decimal totalCost, CancellationToken cancellationToken)
    {
        await ChargePoint.CallAsync(Ocpp201Action.CostUpdated, new CostUpdatedRequest(totalCost, transactionId),
            Ocpp201JsonContext.Default.CostUpdatedRequest, Ocpp201JsonContext.Default.EmptyResponse, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The station's last complete base report (null before one came).</summary>
    internal Ocpp201DeviceModel? Model => station.Model;

    /// <summary>SetDisplayMessage (O01, O06): the station's status (Accepted, NotSupportedMessageFormat, …, Rejected); a CALLERROR or no answer throws.</summary>
    internal async Task<string> SetDisplayMessageAsync(SetDisplayMessageRequest request, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.CallAsync(Ocpp201Action.SetDisplayMessage, request, Ocpp201JsonContext.Default.SetDisplayMessageRequest,
            Ocpp201JsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false);
        return answer.Status;
    }

    private static string Known(string status) => status is "Accepted" or "Blocked" or "Expired" or "Invalid" ? status : "Invalid";

    private int NextRequestId() => station.NextRequestId();

    private async Task<ChargerCommandResult> StatusAsync<TRequest>(string action, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.CallAsync(action, request, requestType, Ocpp201JsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false);
        return FromStatus(answer.Status);
    }
}
