namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A held-down car that limits itself more tightly (it tapers) is followed down on each reading that shows it lower, held at
/// its draw plus <see cref="BalancerSettings.ReclaimFollowMarginA"/>; a reading no lower than the one its hold was set from
/// ends that, back to its draw plus the margin (docs/control-loop.md, Session 25, "A car that limits itself more tightly").
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

        var fresh = readAt > memory.HeldFromReadAt;
        var noRaiseSince = settled || connector.LastLimitA <= memory.HeldA + 1e-9;
        if (fresh && noRaiseSince && drawA <= memory.HeldFromA - settings.ReclaimFollowFallA)
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
