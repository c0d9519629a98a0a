namespace ChargeNet.SiteSimulator;

/// <summary>
/// A car as IEC 61851-1 lets it behave: it follows the offered current after a dead time, as a pure
/// delay (its draw at t is set by the offer at t − dead time), stops under 6 A, never draws above its
/// own maximum, may taper when nearly full and may stop on its own while still plugged in.
/// </summary>
public sealed class SimCar
{
    public const double MinimumA = 6;

    private readonly Queue<(DateTimeOffset At, double OfferedA)> _offers = new();
    private double _lastOfferedA = double.NaN;
    private double _seenA;

    public SimCar(int phases, double maxA, TimeSpan deadTime)
    {
        Phases = phases;
        MaxA = maxA;
        DeadTime = deadTime;
    }

    /// <summary>1 or 3.</summary>
    public int Phases { get; }

    public double MaxA { get; }

    public TimeSpan DeadTime { get; }

    /// <summary>Full: the car draws nothing, whatever is offered, while it stays plugged in.</summary>
    public bool Full { get; set; }

    /// <summary>When the car starts to taper; null for a car that does not.</summary>
    public DateTimeOffset? TaperFrom { get; init; }

    /// <summary>How fast its maximum falls while it tapers, in A per minute, down to the minimum.</summary>
    public double TaperAPerMinute { get; init; } = 1;

    /// <summary>
    /// Its session was ended by its charger (OCPP RemoteStopTransaction): the charger stopped offering current, and offers no more
    /// until the car is plugged in anew (a real one needs a new authorization). Still plugged in, it wants nothing.
    /// </summary>
    public bool SessionEnded { get; private set; }

    /// <summary>What the car draws per phase now.</summary>
    public double DrawA { get; private set; }

    /// <summary>What the car could draw per phase now if offered enough.</summary>
    public double WantA(DateTimeOffset now) => Full || SessionEnded ? 0 : MaxNowA(now);

    /// <summary>The charger offers <paramref name="offeredA"/> from <paramref name="at"/> on.</summary>
    public void Offer(DateTimeOffset at, double offeredA)
    {
        if (SessionEnded)
        {
            return;
        }

        if (offeredA != _lastOfferedA)
        {
            _offers.Enqueue((at, offeredA));
            _lastOfferedA = offeredA;
        }
    }

    /// <summary>Its charger ends its session at <paramref name="at"/>: no current is offered from then on, which the car follows after its dead time as any offer.</summary>
    public void EndSession(DateTimeOffset at)
    {
        Offer(at, 0);
        SessionEnded = true;
    }

    public void Step(DateTimeOffset now)
    {
        while (_offers.Count > 0 && _offers.Peek().At <= now - DeadTime)
        {
            _seenA = _offers.Dequeue().OfferedA;
        }

        DrawA = Full || _seenA < MinimumA ? 0 : Math.Min(_seenA, MaxNowA(now));
    }

    private double MaxNowA(DateTimeOffset now) =>
        TaperFrom is { } from && now > from
            ? Math.Max(MinimumA, MaxA - (TaperAPerMinute * (now - from).TotalMinutes))
            : MaxA;
}
