using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.LocalList;

namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>
/// What the daemon (web page, REST, cloud commands, local list) may ask of one OCPP charger,
/// whatever OCPP version it speaks: each version's implementation turns these into its own
/// messages and its answers into these results. Each call throws <see cref="Rpc.OcppRpcException"/>
/// when the charger is not connected, refuses the call with a CALLERROR, answers invalidly or not in time.
/// </summary>
public interface IChargePointControl
{
    string Id { get; }

    /// <summary>The OCPP version the charger speaks on its live connection.</summary>
    OcppVersion Version { get; }

    bool IsConnected { get; }

    /// <summary>The edge as the charger reaches it (scheme and Host of its last upgrade); file URLs are built on it.</summary>
    Uri? ReachedAt { get; }

    /// <summary>The id (as the charger knows it) of the transaction running on a connector, or null.</summary>
    string? TransactionOn(int connectorId);

    /// <summary>The edge's current limit for a connector (the control loop's; see the limit keeper).</summary>
    Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the edge's limit off a connector: the edge stops keeping it and asks the charger to clear
    /// its profile (ClearChargingProfile by the profile's id); the charger is then on its own limits.
    /// </summary>
    Task<ChargerCommandResult> ClearLimitAsync(int connectorId, CancellationToken cancellationToken);

    /// <summary>The composite schedule the charger says is in force on a connector for <paramref name="duration"/>, in A; null when it refuses to say.</summary>
    Task<ChargerSchedule?> ReadScheduleAsync(int connectorId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Starts a transaction for <paramref name="idTag"/> (1.6 RemoteStartTransaction, 2.0.1 RequestStartTransaction).</summary>
    Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken);

    /// <summary>Stops the transaction with this id (1.6 RemoteStopTransaction, 2.0.1 RequestStopTransaction).</summary>
    Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>Makes a connector (0 = the whole charger) operative or inoperative.</summary>
    Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken);

    /// <summary>Restarts the charger (<paramref name="connectorId"/> 0), or one connector where the version can (2.0.1: one EVSE, B11/B12; see <see cref="ResetsConnectors"/>).</summary>
    Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, int connectorId, CancellationToken cancellationToken);

    /// <summary>Whether a connector can be reset on its own (2.0.1 yes, 1.6 no: its Reset is the whole charger).</summary>
    bool ResetsConnectors { get; }

    /// <summary>
    /// Why the charger will not be asked to send <paramref name="requestedMessage"/> now (TriggerMessage), or null when it will:
    /// the message is not one the version can trigger, or (2.0.1, F06.FR.17) it is a BootNotification and the station has booted.
    /// </summary>
    string? TriggerRefusal(string requestedMessage);

    /// <summary>Asks the charger to send <paramref name="requestedMessage"/> (TriggerMessage), for one connector or (null) the whole charger; see <see cref="TriggerRefusal"/>.</summary>
    Task<ChargerCommandResult> TriggerMessageAsync(string requestedMessage, int? connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// The charging profiles the charger holds on a connector (0 the charger itself; null every one): 2.0.1 GetChargingProfiles and the
    /// ReportChargingProfiles that answer it (K09); null when the version cannot say (1.6 has no such message).
    /// </summary>
    Task<IReadOnlyList<ChargerProfile>?> ReadProfilesAsync(int? connectorId, CancellationToken cancellationToken);

    /// <summary>A custom report of the charger's device model (2.0.1 GetReport, B08); null when the version has none (1.6).</summary>
    Task<ChargerReport?> ReadReportAsync(ChargerReportQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the transaction <paramref name="transactionId"/> is still going and whether the charger holds messages of it not yet
    /// delivered (2.0.1 GetTransactionStatus, E14); without an id, whether it holds any transaction messages. Null when the version
    /// cannot say (1.6 has no such message).
    /// </summary>
    Task<ChargerTransactionStatus?> ReadTransactionStatusAsync(string? transactionId, CancellationToken cancellationToken);

    /// <summary>The limits outside the edge that the charger reported on a connector (2.0.1 NotifyChargingLimit, K12) and that are not cleared yet.</summary>
    IReadOnlyList<ChargerExternalLimit> ExternalLimits(int connectorId);

    Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken);

    /// <summary>Has the charger empty its authorization cache (1.6 ClearCache; 2.0.1 ClearCache, C11): its next tokens are asked for again.</summary>
    Task<ChargerCommandResult> ClearCacheAsync(CancellationToken cancellationToken);

    /// <summary>Has the charger download firmware from <paramref name="location"/> from <paramref name="retrieveAt"/> on.</summary>
    Task<ChargerCommandResult> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken);

    /// <summary>Has the charger upload its diagnostics log to <paramref name="location"/>; the result names the file when the charger says.</summary>
    Task<ChargerCommandResult> UploadLogAsync(Uri location, CancellationToken cancellationToken);

    /// <summary>The version of the charger's local authorization list; null when it has none.</summary>
    Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken);

    /// <summary>How much of a local list the charger takes; <see cref="LocalListLimits.Unknown"/> when it does not say.</summary>
    Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken);

    /// <summary>Sends one local-list message (a Full or Differential update).</summary>
    Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the charger shows the running cost the edge sends (<see cref="ShowRunningCostAsync"/>), as its report says: 2.0.1 its
    /// device model's TariffCostCtrlr, instance Cost (I02); null when it has not said yet, or the version has no such message
    /// (1.6 shows cost through DataTransfer, docs/pricing.md).
    /// </summary>
    bool? DisplaysCost { get; }

    /// <summary>Sends a transaction's running total cost incl. taxes (2.0.1 CostUpdated, I02); false when the version has no such message.</summary>
    Task<bool> ShowRunningCostAsync(string transactionId, decimal totalCost, CancellationToken cancellationToken);
}
