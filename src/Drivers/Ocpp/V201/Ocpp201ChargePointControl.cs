using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// The protocol-neutral commands as OCPP 2.0.1 messages. The edge's connector N is the station's
/// EVSE N. Request ids (remote start, firmware, log) come from one counter per charge point.
/// </summary>
public sealed class Ocpp201ChargePointControl(OcppChargePoint chargePoint) : OcppChargePointControlBase(chargePoint)
{
    // A remote start's idToken has no card behind it: the central system vouches for it (OCPP 2.0.1 F01, type Central).
    private const string CentralToken = "Central";

    // The edge's list does not say what kind of token each entry is; RFID cards are what sites hand out.
    private const string ListTokenType = "ISO14443";

    private int _nextRequestId = (int)(chargePoint.Context.Time.GetUtcNow().ToUnixTimeSeconds() % 1_000_000);

    public override OcppVersion Version => OcppVersion.V201;

    public override Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.RequestStartTransaction, new RequestStartTransactionRequest(new IdToken(idTag, CentralToken), NextRequestId(), connectorId), Ocpp201JsonContext.Default.RequestStartTransactionRequest, cancellationToken);

    public override Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.RequestStopTransaction, new RequestStopTransactionRequest(transactionId), Ocpp201JsonContext.Default.RequestStopTransactionRequest, cancellationToken);

    public override Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.ChangeAvailability, new ChangeAvailabilityRequest(operative ? "Operative" : "Inoperative", connectorId == 0 ? null : new Evse(connectorId)), Ocpp201JsonContext.Default.ChangeAvailabilityRequest, cancellationToken);

    public override Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.Reset, new ResetRequest(kind == ChargerResetKind.Hard ? "Immediate" : "OnIdle"), Ocpp201JsonContext.Default.ResetRequest, cancellationToken);

    /// <summary>The EVSE's first connector: the edge keeps one per EVSE.</summary>
    public override Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken) =>
        StatusAsync(Ocpp201Action.UnlockConnector, new UnlockConnectorRequest(connectorId, 1), Ocpp201JsonContext.Default.UnlockConnectorRequest, cancellationToken);

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
        return new ChargerCommandResult(answer.Status is "Accepted" or "AcceptedCanceled", answer.Status, answer.Filename);
    }

    public override async Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken) =>
        (await ChargePoint.CallAsync(Ocpp201Action.GetLocalListVersion, new GetLocalListVersionRequest(),
            Ocpp201JsonContext.Default.GetLocalListVersionRequest, Ocpp201JsonContext.Default.GetLocalListVersionResponse, cancellationToken).ConfigureAwait(false)).VersionNumber;

    /// <summary>Not read yet (LocalAuthListCtrlr ItemsPerMessage and Entries need GetVariables): the list goes whole.</summary>
    public override Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken) => Task.FromResult(LocalListLimits.Unknown);

    public override Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entries = message.Entries.Select(e => new AuthorizationData(new IdToken(e.IdTag, ListTokenType), new IdTokenInfo(Known(e.Status)))).ToList();
        return StatusAsync(Ocpp201Action.SendLocalList, new SendLocalListRequest(message.ListVersion, message.UpdateType, entries.Count == 0 ? null : entries), Ocpp201JsonContext.Default.SendLocalListRequest, cancellationToken);
    }

    private static string Known(string status) => status is "Accepted" or "Blocked" or "Expired" or "Invalid" ? status : "Invalid";

    private int NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    private async Task<ChargerCommandResult> StatusAsync<TRequest>(string action, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.CallAsync(action, request, requestType, Ocpp201JsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false);
        return new ChargerCommandResult(answer.Status is "Accepted" or "Scheduled" or "Unlocked" or "AcceptedCanceled", answer.Status);
    }
}
