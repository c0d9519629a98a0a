using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.LocalList;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What every version's <see cref="IChargePointControl"/> reads the same way off the charge point's live state and limit keeper.</summary>
public abstract class OcppChargePointControlBase(OcppChargePoint chargePoint) : IChargePointControl
{
    protected OcppChargePoint ChargePoint { get; } = chargePoint;

    public string Id => ChargePoint.Id;

    public abstract OcppVersion Version { get; }

    public bool IsConnected => ChargePoint.IsConnected;

    public Uri? ReachedAt => ChargePoint.ReachedAt;

    public string? TransactionOn(int connectorId) => ChargePoint.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId)?.TransactionId;

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        ChargePoint.Limits.SetAsync(connectorId, limitA, cancellationToken);

    public async Task<ChargerCommandResult> ClearLimitAsync(int connectorId, CancellationToken cancellationToken)
    {
        await ChargePoint.Limits.ForgetAsync(connectorId, cancellationToken).ConfigureAwait(false);
        return await ClearProfileAsync(ChargePoint.Settings.ProfileIdBase + connectorId, cancellationToken).ConfigureAwait(false);
    }

    public abstract Task<ChargerSchedule?> ReadScheduleAsync(int connectorId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The version's ClearChargingProfile of the profile with this id.</summary>
    protected abstract Task<ChargerCommandResult> ClearProfileAsync(int profileId, CancellationToken cancellationToken);

    /// <summary>
    /// A charger's one-word answer as a result: Accepted, Scheduled (availability after the transaction),
    /// Unlocked and AcceptedCanceled (a log upload that replaced one running) are done; anything else is not.
    /// </summary>
    protected static ChargerCommandResult FromStatus(string status) =>
        new(status is "Accepted" or "Scheduled" or "Unlocked" or "AcceptedCanceled", status);

    public abstract Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, int connectorId, CancellationToken cancellationToken);

    public abstract bool ResetsConnectors { get; }

    public abstract string? TriggerRefusal(string requestedMessage);

    public abstract Task<ChargerCommandResult> TriggerMessageAsync(string requestedMessage, int? connectorId, CancellationToken cancellationToken);

    /// <summary>None by default: only 2.0.1 has GetChargingProfiles.</summary>
    public virtual Task<IReadOnlyList<ChargerProfile>?> ReadProfilesAsync(int? connectorId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChargerProfile>?>(null);

    /// <summary>None by default: only 2.0.1 has GetReport.</summary>
    public virtual Task<ChargerReport?> ReadReportAsync(ChargerReportQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<ChargerReport?>(null);

    /// <summary>None by default: only 2.0.1 has GetTransactionStatus.</summary>
    public virtual Task<ChargerTransactionStatus?> ReadTransactionStatusAsync(string? transactionId, CancellationToken cancellationToken) =>
        Task.FromResult<ChargerTransactionStatus?>(null);

    /// <summary>None by default: only 2.0.1 has NotifyChargingLimit.</summary>
    public virtual IReadOnlyList<ChargerExternalLimit> ExternalLimits(int connectorId) => [];

    /// <summary>The refusal for a message not in <paramref name="triggerable"/>, naming them.</summary>
    protected static string? NotAmong(string requestedMessage, IReadOnlyList<string> triggerable) =>
        triggerable.Contains(requestedMessage, StringComparer.Ordinal) ? null : $"'{requestedMessage}' is not a message this charger can be asked for; one of {string.Join(", ", triggerable)}";

    public abstract Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> ClearCacheAsync(CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> UploadLogAsync(Uri location, CancellationToken cancellationToken);

    public abstract Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken);

    public abstract Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken);

    /// <summary>Not known by default: only 2.0.1 reports it in its device model.</summary>
    public virtual bool? DisplaysCost => null;

    /// <summary>None by default: only 2.0.1 has CostUpdated.</summary>
    public virtual Task<bool> ShowRunningCostAsync(string transactionId, decimal totalCost, CancellationToken cancellationToken) => Task.FromResult(false);
}
