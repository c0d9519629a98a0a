using System.Collections.Concurrent;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Stops a session the edge derived (a Modbus or simulated charger: no transaction to stop) at its budget
/// the way the daemon holds any connector: a manual limit of 0 A on its connector, which the control loop
/// sends as the charger's pause (0 A, or the template's pause command), named after the session and lifted
/// when that session ends — when the car leaves (docs/pricing.md, "Budgets"). An operator's own limit on
/// that connector is put back then; one that already holds it at 0 A is left as it is.
/// </summary>
public sealed class BudgetPause(ManualLimits limits)
{
    /// <summary>The <see cref="ManualLimit.SetBy"/> of a budget's pause, followed by the session's id: the status and the page show it.</summary>
    public const string SetBy = "budget of session ";

    // The operator's limit a pause replaced, by session id, to put back when the session ends (kept in memory only).
    private readonly ConcurrentDictionary<string, ManualLimit> _replaced = new(StringComparer.Ordinal);

    /// <summary>Holds the session's connector at 0 A (again: an operator may have cleared it) until the session ends.</summary>
    public void Hold(ChargingSession session, DateTimeOffset now)
    {
        var current = Slot(session.ChargerId, session.ConnectorId, now);
        if (current is { MaxCurrentA: <= 0 })
        {
            return;
        }

        if (current is not null)
        {
            _replaced.TryAdd(session.Id, current);
        }

        limits.Set(new ManualLimit(session.ChargerId, session.ConnectorId, 0, now, SetBy + session.Id, null));
    }

    /// <summary>Lifts the pause of a session that ended (if it has one), putting back the limit it replaced unless that lapsed.</summary>
    public void Lift(ChargingSession session, DateTimeOffset now)
    {
        var replaced = _replaced.TryRemove(session.Id, out var earlier) ? earlier : null;
        if (Slot(session.ChargerId, session.ConnectorId, now)?.SetBy != SetBy + session.Id)
        {
            return;
        }

        if (replaced is not null && !replaced.IsExpired(now))
        {
            limits.Set(replaced);
        }
        else
        {
            limits.Clear(session.ChargerId, session.ConnectorId);
        }
    }

    /// <summary>Lifts the pauses of sessions that are no longer open (they ended while the daemon was down).</summary>
    public void LiftEnded(IReadOnlyCollection<ChargingSession> open)
    {
        var openIds = open.Select(s => SetBy + s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var limit in limits.All.Where(l => l.SetBy.StartsWith(SetBy, StringComparison.Ordinal) && !openIds.Contains(l.SetBy)))
        {
            limits.Clear(limit.ChargerId, limit.ConnectorId);
        }
    }

    private ManualLimit? Slot(string chargerId, int connectorId, DateTimeOffset now) =>
        limits.All.FirstOrDefault(l => l.ChargerId == chargerId && l.ConnectorId == connectorId && !l.IsExpired(now));
}
