using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// One connected charger as the operations see it, whatever protocol it speaks: the narrow port the
/// protocol adapter implements (today <see cref="OcppChargerPort"/>). Transaction ids are strings
/// (an OCPP 1.6 integer in its decimal form; an OCPP 2.0.1 id as the charger gives it).
/// </summary>
public interface IChargerLink
{
    /// <summary>The transaction running on a connector, or null when none.</summary>
    string? RunningTransaction(int connectorId);

    /// <summary>Whether <paramref name="transactionId"/> has the form this charger's ids have; when not, <paramref name="why"/> says what it must be.</summary>
    bool IsTransactionId(string transactionId, out string why);

    /// <summary>The longest idTag this charger takes (OCPP 1.6 20 characters, 2.0.1 36).</summary>
    int MaxIdTagLength { get; }

    Task<ChargerReply> StartAsync(string idTag, int? connectorId, CancellationToken cancellationToken);

    Task<ChargerReply> StopAsync(string transactionId, CancellationToken cancellationToken);

    /// <param name="connectorId">0 = the whole charger.</param>
    /// <param name="operative">True to make it available, false to take it out of use.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    Task<ChargerReply> SetAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken);

    /// <param name="hard">A hard reset (a reboot) rather than a soft one.</param>
    /// <param name="connectorId">0 = the whole charger; a connector only where <see cref="ResetsConnectors"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    Task<ChargerReply> ResetAsync(bool hard, int connectorId, CancellationToken cancellationToken);

    /// <summary>Whether one connector can be reset on its own (OCPP 2.0.1: an EVSE; 1.6 resets the whole charger).</summary>
    bool ResetsConnectors { get; }

    /// <summary>Why the charger will not be asked for <paramref name="message"/> now (not a message it can be asked for; a booted 2.0.1 station's BootNotification), or null.</summary>
    string? TriggerRefusal(string message);

    /// <param name="message">The message the charger is to send (its protocol's name: StatusNotification, MeterValues, Heartbeat …).</param>
    /// <param name="connectorId">The connector it is about; null = the whole charger.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    Task<ChargerReply> TriggerAsync(string message, int? connectorId, CancellationToken cancellationToken);

    Task<ChargerReply> UnlockAsync(int connectorId, CancellationToken cancellationToken);

    /// <summary>Has the charger empty its authorization cache (OCPP ClearCache): the tokens it kept are asked for again.</summary>
    Task<ChargerReply> ClearCacheAsync(CancellationToken cancellationToken);

    /// <summary>The edge as the charger reaches it (scheme and host of its connection): its file URLs are built on it.</summary>
    Uri? ReachedAt { get; }

    /// <summary>Has the charger fetch firmware from <paramref name="location"/> from <paramref name="retrieveAt"/> on (1.6, 2.0.1 UpdateFirmware).</summary>
    Task<ChargerReply> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken);

    /// <summary>Has the charger upload its log to <paramref name="location"/> (1.6 GetDiagnostics, 2.0.1 GetLog); the reply names the file when the charger does.</summary>
    Task<ChargerReply> UploadLogAsync(Uri location, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a transaction is still going and whether the charger holds transaction messages not yet delivered (of that
    /// transaction, or of any when <paramref name="transactionId"/> is null): OCPP 2.0.1 GetTransactionStatus (E14).
    /// The reply is Unsupported for a protocol that has no such question (OCPP 1.6).
    /// </summary>
    Task<ChargerReading<ChargerTransactionStatus>> ReadTransactionStatusAsync(string? transactionId, CancellationToken cancellationToken);

    /// <summary>A custom report of the charger's device model (OCPP 2.0.1 GetReport, B08); Unsupported for OCPP 1.6.</summary>
    Task<ChargerReading<ChargerReport>> ReadReportAsync(ChargerReportQuery query, CancellationToken cancellationToken);
}
