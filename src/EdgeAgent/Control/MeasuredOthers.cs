using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The other connectors whose own readings show their moves during a probe's stage (docs/control-loop.md, "A car's phases from a
/// probe"): currents per phase, read within the fresh age of the grid reading — a Modbus wallbox read every second, an OCPP charger
/// just asked for a report. A cut of one of these (the loop's own, for a charger that refused its limit) need not end the probe: its
/// measured move is taken out of the grid's before the verdict.
/// </summary>
internal sealed class MeasuredOthers
{
    private readonly PhaseCurrents?[] _before;
    private readonly DateTimeOffset _since;

    private MeasuredOthers(PhaseCurrents?[] before, DateTimeOffset since) => (_before, _since) = (before, since);

    /// <summary>Those measured fresh at <paramref name="readingAt"/> (the stage's grid reading before), with their currents then.</summary>
    public static MeasuredOthers At(SiteModel model, int probed, DateTimeOffset readingAt, TimeSpan freshFor)
    {
        var before = new PhaseCurrents?[model.Connectors.Count];
        for (var j = 0; j < before.Length; j++)
        {
            if (j != probed && FreshAt(model.Connectors[j].Status, readingAt, freshFor) is { } currents)
            {
                before[j] = currents;
            }
        }

        return new MeasuredOthers(before, readingAt);
    }

    /// <summary>Whether connector <paramref name="index"/>'s moves are measured.</summary>
    public bool Includes(int index) => _before[index] is not null;

    /// <summary>
    /// What these connectors' cars moved the grid by since the stage began, per grid phase; null while one cannot tell yet: its
    /// reading not fresh at <paramref name="readingAt"/> while its car may still have been answering its last limit when the stage
    /// began (sent, or confirmed, within <paramref name="responseTime"/> plus <see cref="PhaseProbe.Settle"/> before it — or
    /// since), or its car still answering a limit changed within that before its reading or the grid's. One whose car had
    /// answered before the stage and that has no fresh reading now counts as still, as every connector not measured does: an OCPP charger fresh at the
    /// stage's start only because its 10 s report fell then is fresh again only by chance, and waiting for all such at once held
    /// the site's raises until the probe gave up (docs/control-loop-sessions.md, Session 35).
    /// </summary>
    public PhaseCurrents? MoveSince(SiteModel model, DateTimeOffset readingAt, TimeSpan freshFor, TimeSpan responseTime)
    {
        var move = PhaseCurrents.Zero;
        for (var j = 0; j < _before.Length; j++)
        {
            if (_before[j] is not { } before)
            {
                continue;
            }

            var runtime = model.Connectors[j];
            var newest = runtime.History.Epochs[^1];
            var settledAt = (newest.ConfirmedAt ?? newest.From) + responseTime + PhaseProbe.Settle;
            if (FreshAt(runtime.Status, readingAt, freshFor) is not { } now)
            {
                // Still only if its car had answered its last limit before the stage began; else it may be moving yet.
                if (settledAt > _since)
                {
                    return null;
                }

                continue;
            }

            if (runtime.Status!.CurrentsAt < settledAt || readingAt < settledAt)
            {
                return null;
            }

            var rotation = model.RotationOf(j);
            for (var k = 0; k < 3; k++)
            {
                var p = rotation.GridPhase(k);
                move = move.With(p, move[p] + now[k] - before[k]);
            }
        }

        return move;
    }

    // A status whose currents carry their phases and were read within freshFor of the moment: those currents; else null.
    private static PhaseCurrents? FreshAt(ConnectorStatus? status, DateTimeOffset moment, TimeSpan freshFor) =>
        status is { PhasesKnown: true } && (status.CurrentsAt - moment).Duration() <= freshFor
            ? SiteModel.ToPhaseCurrents(status.CurrentA)
            : null;
}
