using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16;

/// <summary>
/// The central system's OCPP 1.6 calls to a charge point, typed (the daemon reaches them through
/// <see cref="Ocpp16ChargePointControl"/>). Each throws <see cref="Rpc.OcppRpcException"/> when the charge point is not connected,
/// refuses the call with a CALLERROR, answers invalidly or not in time.
/// </summary>
public static class OcppChargePointCommands
{
    /// <summary>Sends a 1.6 CALL (its payloads' JSON metadata from <see cref="OcppJsonContext"/>) and returns the validated answer.</summary>
    /// <param name="givesWay">An ask of the edge's own that goes after every other call and is given up for one (<see cref="OcppGivingWay"/>).</param>
    public static Task<TResponse> CallAsync<TRequest, TResponse>(
        this OcppChargePoint chargePoint, string action, TRequest request, CancellationToken cancellationToken, Action? onWire = null, bool givesWay = false)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        return chargePoint.CallAsync(
            action,
            request,
            (JsonTypeInfo<TRequest>)OcppJsonContext.Default.GetTypeInfo(typeof(TRequest))!,
            (JsonTypeInfo<TResponse>)OcppJsonContext.Default.GetTypeInfo(typeof(TResponse))!,
            cancellationToken,
            onWire,
            givesWay);
    }

    public static Task<StatusResponse> RemoteStartTransactionAsync(this OcppChargePoint chargePoint, string idTag, int? connectorId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<RemoteStartTransactionRequest, StatusResponse>(OcppAction.RemoteStartTransaction, new(idTag, connectorId), cancellationToken);

    public static Task<StatusResponse> RemoteStopTransactionAsync(this OcppChargePoint chargePoint, int transactionId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<RemoteStopTransactionRequest, StatusResponse>(OcppAction.RemoteStopTransaction, new(transactionId), cancellationToken);

    /// <summary>Reset: "Soft" or "Hard".</summary>
    public static Task<StatusResponse> ResetAsync(this OcppChargePoint chargePoint, string type, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ResetRequest, StatusResponse>(OcppAction.Reset, new(type), cancellationToken);

    /// <summary>ChangeAvailability: "Operative" or "Inoperative"; connector 0 is the whole charge point.</summary>
    public static Task<StatusResponse> ChangeAvailabilityAsync(this OcppChargePoint chargePoint, int connectorId, string type, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ChangeAvailabilityRequest, StatusResponse>(OcppAction.ChangeAvailability, new(connectorId, type), cancellationToken);

    public static Task<StatusResponse> UnlockConnectorAsync(this OcppChargePoint chargePoint, int connectorId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<UnlockConnectorRequest, StatusResponse>(OcppAction.UnlockConnector, new(connectorId), cancellationToken);

    public static Task<StatusResponse> ClearCacheAsync(this OcppChargePoint chargePoint, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ClearCacheRequest, StatusResponse>(OcppAction.ClearCache, new(), cancellationToken);

    public static Task<StatusResponse> ChangeConfigurationAsync(this OcppChargePoint chargePoint, string key, string value, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ChangeConfigurationRequest, StatusResponse>(OcppAction.ChangeConfiguration, new(key, value), cancellationToken);

    /// <summary>GetConfiguration; no keys asks for all of them.</summary>
    public static Task<GetConfigurationResponse> GetConfigurationAsync(this OcppChargePoint chargePoint, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<GetConfigurationRequest, GetConfigurationResponse>(OcppAction.GetConfiguration, new(keys), cancellationToken);

    public static Task<DataTransferResponse> DataTransferAsync(this OcppChargePoint chargePoint, string vendorId, string? messageId, string? data, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<DataTransferRequest, DataTransferResponse>(OcppAction.DataTransfer, new(vendorId, messageId, data), cancellationToken);

    /// <summary>GetDiagnostics: the charge point uploads its file to <paramref name="location"/> (the edge's own upload URL, see MapOcppFiles).</summary>
    public static Task<GetDiagnosticsResponse> GetDiagnosticsAsync(this OcppChargePoint chargePoint, Uri location, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<GetDiagnosticsRequest, GetDiagnosticsResponse>(OcppAction.GetDiagnostics, new(location.ToString()), cancellationToken);

    /// <summary>UpdateFirmware: the charge point downloads from <paramref name="location"/> (the edge serves it, see MapOcppFiles) from <paramref name="retrieveDate"/> on.</summary>
    public static Task<UpdateFirmwareResponse> UpdateFirmwareAsync(this OcppChargePoint chargePoint, Uri location, DateTimeOffset retrieveDate, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<UpdateFirmwareRequest, UpdateFirmwareResponse>(OcppAction.UpdateFirmware, new(location.ToString(), retrieveDate), cancellationToken);

    public static Task<GetLocalListVersionResponse> GetLocalListVersionAsync(this OcppChargePoint chargePoint, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<GetLocalListVersionRequest, GetLocalListVersionResponse>(OcppAction.GetLocalListVersion, new(), cancellationToken);

    /// <summary>SendLocalList: "Full" replaces the charge point's list, "Differential" amends it.</summary>
    public static Task<StatusResponse> SendLocalListAsync(this OcppChargePoint chargePoint, int listVersion, string updateType, IReadOnlyList<AuthorizationData> entries, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<SendLocalListRequest, StatusResponse>(OcppAction.SendLocalList, new(listVersion, updateType, entries), cancellationToken);

    public static Task<StatusResponse> ReserveNowAsync(this OcppChargePoint chargePoint, int connectorId, DateTimeOffset expiry, string idTag, int reservationId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ReserveNowRequest, StatusResponse>(OcppAction.ReserveNow, new(connectorId, expiry, idTag, reservationId), cancellationToken);

    public static Task<StatusResponse> CancelReservationAsync(this OcppChargePoint chargePoint, int reservationId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<CancelReservationRequest, StatusResponse>(OcppAction.CancelReservation, new(reservationId), cancellationToken);

    /// <summary>TriggerMessage: BootNotification, DiagnosticsStatusNotification, FirmwareStatusNotification, Heartbeat, MeterValues or StatusNotification.</summary>
    public static Task<StatusResponse> TriggerMessageAsync(this OcppChargePoint chargePoint, string requestedMessage, int? connectorId, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<TriggerMessageRequest, StatusResponse>(OcppAction.TriggerMessage, new(requestedMessage, connectorId), cancellationToken);

    public static Task<StatusResponse> SetChargingProfileAsync(this OcppChargePoint chargePoint, int connectorId, ChargingProfile profile, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<SetChargingProfileRequest, StatusResponse>(OcppAction.SetChargingProfile, new(connectorId, profile), cancellationToken);

    public static Task<StatusResponse> ClearChargingProfileAsync(this OcppChargePoint chargePoint, int? id, int? connectorId, ChargingProfilePurposeType? purpose, int? stackLevel, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<ClearChargingProfileRequest, StatusResponse>(OcppAction.ClearChargingProfile, new(id, connectorId, purpose, stackLevel), cancellationToken);

    public static Task<GetCompositeScheduleResponse> GetCompositeScheduleAsync(this OcppChargePoint chargePoint, int connectorId, TimeSpan duration, ChargingRateUnitType? unit, CancellationToken cancellationToken) =>
        chargePoint.CallAsync<GetCompositeScheduleRequest, GetCompositeScheduleResponse>(OcppAction.GetCompositeSchedule, new(connectorId, (int)duration.TotalSeconds, unit), cancellationToken);
}
