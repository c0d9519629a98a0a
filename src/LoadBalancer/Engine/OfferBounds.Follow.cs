namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A held-down car that limits itself more tightly (it tapers) is followed down on each reading that shows it lower, held at
/// its draw plus <see cref="BalancerSettings.ReclaimFollowMarginA"/>; a reading no lower than the one its hold was set from
/// ends that, back to its draw plus the margin (docs/control-loop-sessions.md, Session 25, "A car that limits itself more tightly").
/// </summary>
internal static partial class OfferBounds
{
    // The bound for a held car judged as falling or followed, or null for the other reclaim rules. A cut to a newer reading
    // plus the follow margin stays above what the car drew then, so it needs no settle wait — but a raise since the hold
    // (the car climbing as one that uses all it has) does: a reading before the car took it shows the draw of the old limit.
    private static double? Follow(ref ConnectorMemory memory, ConnectorInput connector, BalancerSettings settings, double drawA, DateTimeOffset readAt, bool settled)
    {
        if (settings.ReclaimFollowMarginA is not { } followMarginA)
        {
            return null;
        }

        if (connector.LastLimitA < memory.HeldFromA)
        {
            // Cut under the draw its hold was set from, so not by reclaim (a step, a share): what it draws now is the cut's, and
            // a fall is judged from there; the other reclaim rules judge it meanwhile (it climbs by the step once it uses all
            // it has). Judged from the old draw, a charger that then did not take a raise looked like a falling car (seed 40
            // at 1 s, 231 s; docs/control-loop-sessions.md, Session 25).
            memory.Following = false;
            HeldFrom(ref memory, drawA, readAt);
            return null;
        }

        var fresh = readAt > memory.HeldFromReadAt;
        var noRaiseSince = settled || connector.LastLimitA <= memory.HeldA + 1e-9;

        // With room under its limit: a car cut under what it drew (a step, a share) draws less because of the cut, and its
        // draw's low end is the cut — that is not a car limiting itself (seed 40 at 1 s, 215.5 s; docs/control-loop-sessions.md, Session 25).
        var headroom = drawA < connector.LastLimitA - settings.ReclaimUsesAllWithinA;
        if (fresh && noRaiseSince && headroom && drawA <= memory.HeldFromA - settings.ReclaimFollowFallA)
        {
            memory.Following = true;
            HeldFrom(ref memory, drawA, readAt);
            memory.HeldA = drawA + followMarginA;
            return memory.HeldA;
        }

        if (!memory.Following)
        {
            return null;
        }

        if (fresh && drawA >= memory.HeldFromA)
        {
            // It stopped falling, or wants more again: held as any car that draws under its limit, from which it climbs step
            // by step once it uses all it has. Left at its draw plus the follow margin, a car that stopped falling draws that
            // margin under its limit — "uses all it has" at 1 A — and would be raised by the step and cut again (Session 22).
            memory.Following = false;
            HeldFrom(ref memory, drawA, readAt);
            memory.HeldA = drawA + settings.ReclaimMarginA;
            return memory.HeldA;
        }

        return connector.LastLimitA;
    }

    private static void HeldFrom(ref ConnectorMemory memory, double drawA, DateTimeOffset readAt)
    {
        memory.HeldFromA = drawA;
        memory.HeldFromReadAt = readAt;
    }
}
