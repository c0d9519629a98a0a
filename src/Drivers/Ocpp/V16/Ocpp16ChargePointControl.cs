using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.LocalList;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16;

/// <summary>The protocol-neutral commands as OCPP 1.6 messages (sections 5 and 6 of the specification).</summary>
public sealed class Ocpp16ChargePointControl(OcppChargePoint chargePoint) : OcppChargePointControlBase(chargePoint)
{
    /// <summary>The 1.6 configuration keys of a charger's local list limits (section 9.1).</summary>
    public const string SendLocalListMaxLengthKey = "SendLocalListMaxLength";
    public const string LocalAuthListMaxLengthKey = "LocalAuthListMaxLength";

    public override OcppVersion Version => OcppVersion.V16;

    public override async Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken) =>
        FromStatus((await ChargePoint.RemoteStartTransactionAsync(idTag, connectorId, cancellationToken).ConfigureAwait(false)).Status);

    public override async Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(transactionId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return new ChargerCommandResult(false, $"'{transactionId}' is not an OCPP 1.6 transaction id (an integer)");
        }

        return FromStatus((await ChargePoint.RemoteStopTransactionAsync(id, cancellationToken).ConfigureAwait(false)).Status);
    }

    public override async Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken) =>
        FromStatus((await ChargePoint.ChangeAvailabilityAsync(connectorId, operative ? "Operative" : "Inoperative", cancellationToken).ConfigureAwait(false)).Status);

    /// <summary>The messages 1.6 TriggerMessage can ask for (section 5.17, MessageTrigger).</summary>
    public static IReadOnlyList<string> Triggerable { get; } =
        [OcppAction.BootNotification, OcppAction.DiagnosticsStatusNotification, OcppAction.FirmwareStatusNotification, OcppAction.Heartbeat, OcppAction.MeterValues, OcppAction.StatusNotification];

    /// <summary>1.6 Reset is the whole charger's (section 5.14).</summary>
    public override bool ResetsConnectors => false;

    public override async Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, int connectorId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(connectorId, 0);
        return FromStatus((await ChargePoint.ResetAsync(kind == ChargerResetKind.Hard ? "Hard" : "Soft", cancellationToken).ConfigureAwait(false)).Status);
    }

    /// <summary>1.6 allows a BootNotification to be asked for (section 4.2 does not forbid it, 5.17 lists it).</summary>
    public override string? TriggerRefusal(string requestedMessage) => NotAmong(requestedMessage, Triggerable);

    public override async Task<ChargerCommandResult> TriggerMessageAsync(string requestedMessage, int? connectorId, CancellationToken cancellationToken)
    {
        if (TriggerRefusal(requestedMessage) is { } why)
        {
            throw new ArgumentException(why, nameof(requestedMessage));
        }

        return FromStatus((await ChargePoint.TriggerMessageAsync(requestedMessage, connectorId, cancellationToken).ConfigureAwait(false)).Status);
    }

    public override async Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken) =>
        FromStatus((await ChargePoint.UnlockConnectorAsync(connectorId, cancellationToken).ConfigureAwait(false)).Status);

    public override async Task<ChargerCommandResult> ClearCacheAsync(CancellationToken cancellationToken) =>
        FromStatus((await ChargePoint.ClearCacheAsync(cancellationToken).ConfigureAwait(false)).Status);

    /// <summary>GetCompositeSchedule in A (OCPP 1.6 section 5.7); a Rejected answer or one without a schedule says nothing.</summary>
    public override async Task<ChargerSchedule?> ReadScheduleAsync(int connectorId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.GetCompositeScheduleAsync(connectorId, duration, ChargingRateUnitType.A, cancellationToken).ConfigureAwait(false);
        return answer is { Status: "Accepted", ChargingSchedule: { } schedule }
            ? new ChargerSchedule(connectorId, answer.ScheduleStart ?? schedule.StartSchedule ?? ChargePoint.Context.Time.GetUtcNow(), schedule.Duration ?? (int)duration.TotalSeconds,
                schedule.ChargingRateUnit.ToString(), [.. schedule.ChargingSchedulePeriod.Select(p => new ChargerSchedulePeriod(p.StartPeriod, (double)p.Limit, p.NumberPhases))])
            : null;
    }

    protected override async Task<ChargerCommandResult> ClearProfileAsync(int profileId, CancellationToken cancellationToken) =>
        FromStatus((await ChargePoint.ClearChargingProfileAsync(profileId, null, null, null, cancellationToken).ConfigureAwait(false)).Status);

    /// <summary>1.6 UpdateFirmware answers nothing but that it got the request.</summary>
    public override async Task<ChargerCommandResult> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken)
    {
        await ChargePoint.UpdateFirmwareAsync(location, retrieveAt, cancellationToken).ConfigureAwait(false);
        return new ChargerCommandResult(true, "Accepted");
    }

    /// <summary>GetDiagnostics: its answer names the file, or none when there is nothing to upload.</summary>
    public override async Task<ChargerCommandResult> UploadLogAsync(Uri location, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint.GetDiagnosticsAsync(location, cancellationToken).ConfigureAwait(false);
        return new ChargerCommandResult(true, "Accepted", answer.FileName);
    }

    /// <summary>-1 (no local list support) reads as none.</summary>
    public override async Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken)
    {
        var version = (await ChargePoint.GetLocalListVersionAsync(cancellationToken).ConfigureAwait(false)).ListVersion;
        return version == -1 ? null : version;
    }

    /// <summary>GetConfiguration of the two length keys; a CALLERROR means the charger reports none.</summary>
    public override async Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var keys = await ChargePoint.GetConfigurationAsync([SendLocalListMaxLengthKey, LocalAuthListMaxLengthKey], cancellationToken).ConfigureAwait(false);
            return new LocalListLimits(LocalListLimits.Parse(Value(keys, SendLocalListMaxLengthKey)), LocalListLimits.Parse(Value(keys, LocalAuthListMaxLengthKey)));
        }
        catch (OcppRpcException ex) when (ex.ErrorCode is not null)
        {
            return LocalListLimits.Unknown;
        }
    }

    public override async Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FromStatus((await ChargePoint.SendLocalListAsync(message.ListVersion, message.UpdateType, [.. message.Entries.Select(ToAuthorizationData)], cancellationToken).ConfigureAwait(false)).Status);
    }

    /// <summary>The edge's entry as 1.6 AuthorizationData; a status the store should never hold reads as Invalid.</summary>
    public static AuthorizationData ToAuthorizationData(LocalListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.IdTag, new IdTagInfo(
            Enum.TryParse<AuthorizationStatus>(entry.Status, ignoreCase: true, out var status) ? status : AuthorizationStatus.Invalid,
            entry.ExpiryDate,
            entry.ParentIdTag));
    }

    private static string? Value(GetConfigurationResponse response, string key) =>
        response.ConfigurationKey?.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

}
