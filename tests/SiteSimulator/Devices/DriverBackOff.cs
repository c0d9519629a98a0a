using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// The edge's OCPP driver's back-off after a refused limit, as <see cref="OcppLimitKeeper"/> keeps it (its rule,
/// <see cref="OcppLimitBackOff.Holds"/>): a limit the driver would not send again yet is answered with the last outcome and
/// never reaches the charger. A call left unanswered and given up by the loop changes nothing, as in the driver. Not modelled:
/// the driver's own retry when the back-off ends (the loop asks again within a cycle). docs/control-loop-sessions.md, Session 16, "Refused cuts".
/// </summary>
public sealed class DriverBackOff
{
    private static readonly OcppChargerSettings Settings = new();
    private readonly Dictionary<int, OcppLimitRecord> _records = [];
    private readonly TimeSpan? _cutRetry;

    /// <param name="cutRetry">How soon a refused cut may go again (<see cref="OcppChargerSettings.LimitCutRetry"/>); null: it waits out the back-off (the driver before session 16).</param>
    public DriverBackOff(TimeSpan? cutRetry) => _cutRetry = cutRetry;

    /// <summary>
    /// The driver's answer without a send, or null when it sends <paramref name="limitA"/>; a cut <paramref name="needed"/> now
    /// goes at once, as the keeper's <see cref="OcppLimitKeeper.SetNeededAsync"/> sends it, and any limit <paramref name="pastBackOff"/>
    /// as its <see cref="OcppLimitKeeper.SetPastBackOffAsync"/> does.
    /// </summary>
    public SetpointResult? Held(int connectorId, double limitA, DateTimeOffset now, bool needed = false, bool pastBackOff = false) =>
        !pastBackOff
        && _records.GetValueOrDefault(connectorId) is { Outcome: { } outcome } record
        && OcppLimitBackOff.Holds(record, (double)OcppLimitRounding.ToSendable(limitA), now, needed ? TimeSpan.Zero : _cutRetry)
            ? SetpointResult.HeldBack(outcome, "not sent again during the driver's back-off (simulated)")
            : null;

    /// <summary>The charger's answer to a limit sent at <paramref name="sentAt"/>, recorded as the driver does.</summary>
    public void Answered(int connectorId, double limitA, DateTimeOffset sentAt, DateTimeOffset now, bool accepted)
    {
        var sentA = (double)OcppLimitRounding.ToSendable(limitA);
        var before = _records.GetValueOrDefault(connectorId);
        var failures = accepted ? 0 : (before?.FailuresInARow ?? 0) + 1;
        _records[connectorId] = accepted
            ? new OcppLimitRecord(connectorId, limitA, sentA, SetpointOutcome.Accepted, null, now, null, sentA) { SentAt = sentAt }
            : new OcppLimitRecord(connectorId, limitA, sentA, SetpointOutcome.Rejected, "Rejected (simulated)", now, null, before?.ConfirmedA, failures, now + RetryDelay(failures)) { SentAt = sentAt };
    }

    // As OcppLimitKeeper.RetryDelay with the default settings: 5 s, 10 s, 20 s … up to 2 min.
    private static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(Settings.LimitRetryMin.Ticks * Math.Pow(2, Math.Min(failures - 1, 20)), Settings.LimitRetryMax.Ticks));
}
