using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Whether a limit the charge point did not apply is held back during its back-off (docs/ocpp.md, "Re-sends with back-off";
/// docs/control-loop-sessions.md, Session 16, "Refused cuts"). The back-off keeps a charger from being asked the same thing again and
/// again; a cut below what it may be drawing at may be what keeps the site under its fuse, with
/// <see cref="Ports.OcppChargerSettings.LimitCutRetry"/> set, that waits only so long from its last send, not 5, 10, 20 … s.
/// </summary>
public static class OcppLimitBackOff
{
    /// <summary>
    /// True while <paramref name="sendable"/> (on the wire) is not to be sent again after <paramref name="previous"/> was
    /// rejected or failed: within its back-off, not lower than the limit last tried, and — with <paramref name="decreaseRetry"/>
    /// (null: every limit waits, as before session 16) — either not below what the charger may be drawing at (the last limit it
    /// accepted, still valid; without one, its own default, so anything) or sent less than <paramref name="decreaseRetry"/> ago.
    /// Nothing is held to a send not known (no <see cref="OcppLimitRecord.SentA"/>), as the keeper never did (docs/control-loop-sessions.md, Session 17, "Refused cuts with giveup16").
    /// </summary>
    public static bool Holds(OcppLimitRecord previous, double sendable, DateTimeOffset now, TimeSpan? decreaseRetry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous is not { Outcome: not null and not SetpointOutcome.Accepted, NextSendAt: { } retryAt, SentA: { } sentA } || now >= retryAt || sendable < sentA)
        {
            return false;
        }

        var mayDrawA = previous.ValidTo is { } validTo && now >= validTo ? null : previous.ConfirmedA;
        var cut = mayDrawA is null || sendable < mayDrawA;
        return !(cut && decreaseRetry is { } wait && previous.SentAt is { } sentAt && now >= sentAt + wait);
    }
}
